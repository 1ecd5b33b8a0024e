package io.musicrec.platform.queue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The SQS message body {@code {"user_id": "...", "total_plays": 40}}: recompute this user at this total. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecalculationRequest(String userId, long totalPlays) {
}
