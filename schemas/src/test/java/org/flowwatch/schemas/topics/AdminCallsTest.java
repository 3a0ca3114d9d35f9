package org.flowwatch.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class AdminCallsTest {

    @Test
    void shouldReturnTheAnswerWhenKafkaAnswers() {
        assertThat(AdminCalls.await(KafkaFuture.completedFuture(3), "count", IllegalStateException::new)).isEqualTo(3);
    }

    @Test
    void shouldNameTheStepAndKeepKafkasReasonWhenKafkaRefusesIt() {
        // given
        KafkaFutureImpl<Void> refused = new KafkaFutureImpl<>();
        GroupNotEmptyException reason = new GroupNotEmptyException("the group has members");
        refused.completeExceptionally(reason);

        // when / then
        assertThatThrownBy(() -> AdminCalls.await(refused, "delete the group", IllegalArgumentException::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("could not delete the group: the group has members")
                .hasCause(reason);
    }
}
