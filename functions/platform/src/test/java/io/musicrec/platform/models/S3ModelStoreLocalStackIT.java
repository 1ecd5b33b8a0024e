package io.musicrec.platform.models;

import io.musicrec.platform.config.ModelStoreSettings;
import io.musicrec.platform.testing.LocalStackServices;
import org.junit.jupiter.api.BeforeAll;

/** {@link S3ModelStoreIT}'s tests, and so the {@link ModelStoreContract}, against LocalStack's S3, where Docker runs. */
class S3ModelStoreLocalStackIT extends S3ModelStoreIT {

    @BeforeAll
    static void docker() {
        LocalStackServices.assumeDocker();
    }

    @Override
    ModelStoreSettings freshBucket() {
        return LocalStackServices.freshBucket();
    }
}
