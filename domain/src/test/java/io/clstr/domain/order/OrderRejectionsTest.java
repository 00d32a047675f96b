package io.clstr.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.clstr.domain.kernel.Rejection;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRejectionsTest {

    /** Every code constant of {@link OrderRejections}, read by reflection so that a new one is included. */
    static List<String> allCodes() {
        List<String> codes = new ArrayList<>();
        for (Field field : OrderRejections.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                try {
                    codes.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError("cannot read " + field, e);
                }
            }
        }
        return codes;
    }

    @Test
    void every_code_is_a_valid_rejection_code_named_like_its_constant() throws Exception {
        assertThat(allCodes()).hasSize(16);
        for (String code : allCodes()) {
            assertThat(new Rejection(code, "checked").code()).isEqualTo(code);
            assertThat(OrderRejections.class.getField(code).get(null)).isEqualTo(code);
        }
    }

    @Test
    void codes_are_distinct() {
        assertThat(allCodes()).doesNotHaveDuplicates();
    }
}
