package org.herd.sidecar.capture;

import io.debezium.snapshot.spi.SnapshotLock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.herd.sidecar.snapshot.InitialSnapshot;

/**
 * The global read lock Debezium's snapshot of the table definitions asks for, taken by the
 * sidecar ({@code snapshot.locking.mode=custom}, named {@value #NAME}). Debezium asks for it right
 * before it reads the binlog position, once its engine has started, so the site is read-only only
 * while the position and the definitions are read and recorded, not while the engine starts.
 *
 * <p>Debezium finds its lock implementations with {@link java.util.ServiceLoader} and gives them
 * nothing but the connector's properties, so the sidecar hands the lock over through a registry:
 * {@link SchemaOnlySnapshot} registers it under an id it puts in the engine's properties
 * ({@value #ID}) and removes it when the engine is closed.
 */
public final class SidecarSnapshotLock implements SnapshotLock {

    /** The name {@code snapshot.locking.mode.custom.name} selects this lock by. */
    public static final String NAME = "herd-sidecar";
    /** The engine property naming the registered lock. */
    static final String ID = "herd.snapshot.lock.id";
    /**
     * What Debezium runs on its own connection once the sidecar holds the lock: nothing. Debezium
     * then counts itself as holding the global lock, reads the position and releases nothing the
     * sidecar holds.
     */
    static final String NOTHING = "DO 0";

    private static final Map<String, InitialSnapshot.Lock> REGISTERED = new ConcurrentHashMap<>();

    private String id;

    static void register(String id, InitialSnapshot.Lock lock) {
        REGISTERED.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(lock, "lock"));
    }

    static void unregister(String id) {
        REGISTERED.remove(id);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void configure(Map<String, ?> properties) {
        Object value = properties.get(ID);
        id = value == null ? null : value.toString();
    }

    /**
     * Asked with no table for the global lock, with a table for a table's lock where the global
     * one was not had; the sidecar takes the global lock or none.
     */
    @Override
    public Optional<String> tableLockingStatement(Duration lockTimeout, String tableId) {
        if (tableId != null) {
            return Optional.empty();
        }
        InitialSnapshot.Lock lock = id == null ? null : REGISTERED.get(id);
        if (lock == null) {
            // Failing closed: without the sidecar's lock the position read next would not be its read's.
            throw new IllegalStateException("snapshot.locking.mode.custom.name=" + NAME
                    + " is only for the sidecar's snapshot of the table definitions, and no lock is registered under "
                    + ID + "=" + id);
        }
        lock.take();
        return Optional.of(NOTHING);
    }
}
