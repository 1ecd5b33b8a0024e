/** Users, their play counts and the recalculation outbox: the {@link io.musicrec.platform.plays.PlayStore} port and its PostgreSQL adapter. */
package io.musicrec.platform.plays;
