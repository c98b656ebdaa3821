package org.ambidex;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Main code never calls DJL's arithmetic with a number operand whose backward pass reads that number ({@code mul},
 * {@code div}, {@code pow}, {@code maximum}, {@code minimum}, {@code mod}, their in-place forms, and the same
 * operations of {@link NDArrays}): DJL wraps the number in an array over a Java buffer and frees it straight after
 * the operation, so a later backward pass reads freed memory. {@code org.ambidex.tensor.Scalars} is the one way to
 * use a constant number in such an operation. (Addition and subtraction of a number are allowed: their gradients
 * do not involve it.)
 */
class AutogradSafetyTest {

    /** Operations whose number overload is unsafe under autograd. */
    static final Set<String> UNSAFE = Set.of("mul", "muli", "div", "divi", "pow", "powi", "maximum", "minimum",
        "mod", "modi");

    static List<String> violations(JavaClasses classes) {
        Set<String> out = new TreeSet<>();
        classes.forEach(c -> {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                if (!owner.equals(NDArray.class.getName()) && !owner.equals(NDArrays.class.getName())
                    && !owner.startsWith("ai.djl.pytorch.engine.PtNDArray")) {
                    continue;
                }
                if (!UNSAFE.contains(call.getName())) {
                    continue;
                }
                boolean numberOperand = call.getTarget().getRawParameterTypes().stream()
                    .anyMatch(t -> t.getName().equals(Number.class.getName()));
                if (numberOperand) {
                    out.add(c.getName() + " " + call.getSourceCodeLocation() + " " + call.getName() + "(Number)");
                }
            }
        });
        return List.copyOf(out);
    }

    @Test
    void mainCodeUsesNoNumberOverloadThatAutogradWouldReadAfterItIsFreed() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ambidex");
        assertThat(violations(main)).as("use org.ambidex.tensor.Scalars instead").isEmpty();
    }

    @Test
    void theRuleFlagsAProductWithANumber() {
        JavaClasses example = new ClassFileImporter().importClasses(Offender.class);
        assertThat(violations(example)).hasSize(3).allMatch(v -> v.contains("Offender"));
    }

    /** Three unsafe calls and two safe ones, for the check of the rule itself. */
    static final class Offender {
        static NDArray unsafe(NDArray a) {
            return NDArrays.maximum(a.mul(2f).div(3.0), 1e-8f);
        }

        static NDArray safe(NDArray a) {
            return a.add(1f).sub(2);
        }
    }
}
