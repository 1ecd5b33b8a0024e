/**
 * What a function does with the clients it opens at cold start: keep them, and close them newest
 * first when its start fails or its components are closed.
 */
package io.musicrec.platform.lifecycle;
