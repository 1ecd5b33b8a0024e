package io.musicrec.platform.queue;

import io.musicrec.platform.config.QueueSettings;
import io.musicrec.platform.testing.LocalStackServices;
import org.junit.jupiter.api.BeforeAll;

/** {@link SqsRecalculationQueueIT}'s tests against LocalStack's SQS, where Docker runs. */
class SqsRecalculationQueueLocalStackIT extends SqsRecalculationQueueIT {

    @BeforeAll
    static void docker() {
        LocalStackServices.assumeDocker();
    }

    @Override
    QueueSettings freshQueue(String name) {
        return LocalStackServices.freshQueue(name);
    }
}
