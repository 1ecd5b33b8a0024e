package io.musicrec.trainer;

import java.nio.file.Path;

/**
 * Where JavaCPP unpacks OpenBLAS (Smile's LAPACK, used by the Cholesky solver): its default,
 * {@code ~/.javacpp/cache}, is read-only on Lambda, where only {@code /tmp} is writable. Set before
 * any Smile class loads, unless the property was given on the command line.
 */
final class NativeLibraries {
    static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

    private NativeLibraries() {
    }

    static void cacheInTmp() {
        if (System.getProperty(CACHE_DIR) == null) {
            System.setProperty(CACHE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "javacpp-cache").toString());
        }
    }
}
