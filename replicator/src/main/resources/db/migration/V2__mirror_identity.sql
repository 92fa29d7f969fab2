-- A mirror's own identity, made once when its database is created. Its default Kafka consumer
-- group derives from it, so that two mirrors left at their defaults on one cluster never share a
-- group (which would split the partitions between them and leave both incomplete).

CREATE TABLE herd.mirror_identity (
    id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    only_row boolean NOT NULL DEFAULT true UNIQUE CHECK (only_row)
);

INSERT INTO herd.mirror_identity DEFAULT VALUES;
