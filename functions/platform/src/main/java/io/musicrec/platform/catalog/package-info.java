/** The artist catalog users play from and search: the port and its PostgreSQL adapter, and the catalog import. */
package io.musicrec.platform.catalog;
