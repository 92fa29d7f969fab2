package org.herd.testkit.canary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnShapeTest {

    private static ColumnShape col(String dataType, String columnType, long length, int precision, int scale) {
        return new ColumnShape("c", dataType, columnType, length, precision, scale, false);
    }

    @Test
    void textAndBinaryCarryACanaryWhenNineCharactersFit() {
        assertThat(col("varchar", "varchar(15)", 15, 0, -1).canaryKind()).isEqualTo(Canary.Kind.TEXT);
        assertThat(col("char", "char(32)", 32, 0, -1).canaryKind()).isEqualTo(Canary.Kind.TEXT);
        assertThat(col("mediumtext", "mediumtext", 16_777_215, 0, -1).canaryKind()).isEqualTo(Canary.Kind.TEXT);
        assertThat(col("blob", "blob", 65_535, 0, -1).canaryKind()).isEqualTo(Canary.Kind.BINARY);
        ColumnShape ipcc = col("varchar", "varchar(2)", 2, 0, -1);
        assertThat(ipcc.canaryKind()).isNull();
        assertThat(ipcc.unplantableReason()).contains("at most 2 characters");
        assertThat(col("binary", "binary(1)", 1, 0, -1).unplantableReason()).contains("at most 1 bytes");
    }

    @Test
    void integersCarryOneFromIntUpShortOnesNone() {
        assertThat(col("int", "int(10) unsigned", 0, 10, 0).canaryKind()).isEqualTo(Canary.Kind.INTEGER);
        assertThat(col("bigint", "bigint(20)", 0, 19, 0).canaryKind()).isEqualTo(Canary.Kind.INTEGER);
        for (String t : new String[] {"tinyint", "smallint", "mediumint"}) {
            assertThat(col(t, t, 0, 3, 0).unplantableReason()).contains("few digits");
        }
    }

    @Test
    void decimalsNeedEightUsableDigits() {
        ColumnShape ratio = col("double", "double(10,8)", 0, 10, 8);
        assertThat(ratio.canaryKind()).isEqualTo(Canary.Kind.DECIMAL);
        assertThat(ratio.integerDigits()).isEqualTo(2);
        assertThat(ratio.fractionDigits()).isEqualTo(8);
        assertThat(col("double", "double", 0, 22, -1).canaryKind()).isEqualTo(Canary.Kind.DECIMAL);
        assertThat(col("decimal", "decimal(9,4)", 0, 9, 4).canaryKind()).isEqualTo(Canary.Kind.DECIMAL);
        assertThat(col("decimal", "decimal(6,2)", 0, 6, 2).unplantableReason()).contains("6 usable");
        assertThat(col("float", "float", 0, 12, -1).unplantableReason()).contains("single precision");
    }

    @Test
    void datesCarryOneEnumsSetsAndTimesNone() {
        assertThat(col("datetime", "datetime", 0, 0, -1).canaryKind()).isEqualTo(Canary.Kind.DATETIME);
        assertThat(col("timestamp", "timestamp", 0, 0, -1).canaryKind()).isEqualTo(Canary.Kind.DATETIME);
        assertThat(col("date", "date", 0, 0, -1).canaryKind()).isEqualTo(Canary.Kind.DATE);
        assertThat(col("enum", "enum('0','1')", 1, 0, -1).unplantableReason()).contains("listed values");
        assertThat(col("time", "time", 0, 0, -1).unplantableReason()).contains("time of day");
        assertThat(col("json", "json", 0, 0, -1).unplantableReason()).contains("type json");
        assertThat(new ColumnShape("g", "int", "int(11)", 0, 10, 0, true).unplantableReason()).contains("generated");
    }
}
