package dev.edgetpunas.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgetpunas.validation.report.MarkdownTables;
import org.junit.jupiter.api.Test;

/**
 * The validation of the built-in set, row by row, is pinned: any change to the simulator, the compiler
 * model, a bundled profile or the measurement set shows up here as a diff of predictions and errors, to be
 * reviewed (and docs/fidelity.md updated) before the golden file is rewritten with {@code -Dgolden.update=true}.
 */
class BuiltInValidationGoldenTest {

    @Test
    void theBuiltInValidationReportMatchesTheGoldenFile() {
        ValidationReport r = new Validator().validate(MeasurementSet.builtIn());
        Golden.assertMatches("builtin-validation.md", MarkdownTables.validation(r));
    }

    @Test
    void theIssuesAimForTheUsb3ProfileHoldsInSample() {
        // the leave-one-out figures are in docs/fidelity.md (evidence run); in sample is the looser bound
        Fidelity usb = new Validator().validate(MeasurementSet.builtIn().filter(m -> m.profile().equals("edgetpu-usb3-max")
                && m.scenario() == dev.edgetpunas.sim.Scenario.WARM)).summary();
        assertTrue(usb.mapePct() <= 20, "edgetpu-usb3-max warm MAPE " + usb.mapePct());
        assertTrue(usb.spearman() >= 0.9, "edgetpu-usb3-max warm Spearman " + usb.spearman());
    }
}
