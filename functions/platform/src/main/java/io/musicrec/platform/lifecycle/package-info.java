/**
 * What a function does with the clients it opens at cold start: keep them, close them newest first
 * when its start fails or its components are closed, and renew them after a SnapStart restore.
 */
package io.musicrec.platform.lifecycle;
