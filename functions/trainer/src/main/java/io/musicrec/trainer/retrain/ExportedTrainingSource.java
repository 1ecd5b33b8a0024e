package io.musicrec.trainer.retrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The plays of a {@link PlaysExport}, as a retraining's source: what gating an externally trained
 * candidate reads instead of PostgreSQL, so the candidate is scored on the very hold-out it was
 * exported without. Refuses an export drawn with another share or seed than the gate's.
 */
public final class ExportedTrainingSource implements TrainingSource {
    private final UriDirectory export;
    private final double testShare;
    private final long splitSeed;

    public ExportedTrainingSource(UriDirectory export, double testShare, long splitSeed) {
        this.export = Objects.requireNonNull(export, "export");
        this.testShare = testShare;
        this.splitSeed = splitSeed;
    }

    @Override
    public TrainingData read() {
        try {
            PlaysExport.Manifest manifest = PlaysExport.manifest(export);
            if (Math.abs(manifest.testShare() - testShare) > 1e-12 || manifest.splitSeed() != splitSeed) {
                throw new IllegalArgumentException(export + " was split with share " + manifest.testShare() + " and seed "
                        + manifest.splitSeed() + "; this gate uses " + testShare + " and " + splitSeed);
            }
            return PlaysExport.read(export, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plays export " + export + ": " + e.getMessage(), e);
        }
    }
}
