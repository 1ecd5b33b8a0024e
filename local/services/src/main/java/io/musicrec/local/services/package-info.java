/** Embedded servers for the integration tests and the local stack. */
package io.musicrec.local.services;
