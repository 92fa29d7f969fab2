package org.herd.serve.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void queryStringsMustBeUtf8WithoutNul() {
        assertThat(Gate.queryProblem(null)).isNull();
        assertThat(Gate.queryProblem("action=browse&searchstr=%E6%97%A5+x")).isNull();
        assertThat(Gate.queryProblem("searchstr=%C3%28")).contains("not UTF-8");
        assertThat(Gate.queryProblem("searchstr=%ED%A0%80")).contains("not UTF-8");
        assertThat(Gate.queryProblem("a=%00")).contains("NUL");
        assertThat(Gate.queryProblem("a=%zz")).contains("two hex digits");
        assertThat(Gate.queryProblem("a=%4")).contains("two hex digits");
    }
}
