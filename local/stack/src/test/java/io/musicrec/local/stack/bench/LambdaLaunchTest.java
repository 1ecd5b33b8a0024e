package io.musicrec.local.stack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaLaunchTest {

    private static final String TEMPLATE = """
            Globals:
              Function:
                Runtime: java25
            Resources:
              ApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/api/target/musicrec-api.jar
                  MemorySize: 512
                  Environment:
                    Variables:
                      JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1
              ModelFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/ml/target/musicrec-ml.jar
                  MemorySize: 1024
                  SnapStart:
                    ApplyOn: PublishedVersions
              NoMemory:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/x/target/x.jar
                  MemorySize: !Ref Memory
            Outputs:
              MemorySize: 3
            """;

    @Test
    void readsEachFunctionsMemoryToolOptionsAndSnapStartFromItsOwnResource() {
        assertEquals(new LambdaLaunch.Function("ApiFunction", 512, Optional.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), false),
                LambdaLaunch.function(TEMPLATE, "functions/api/target/musicrec-api.jar"));
        assertEquals(new LambdaLaunch.Function("ModelFunction", 1024, Optional.empty(), true),
                LambdaLaunch.function(TEMPLATE, "functions/ml/target/musicrec-ml.jar"));
    }

    @Test
    void readsSnapStartFromTheGlobalsToo() {
        String global = TEMPLATE.replace("    Runtime: java25\n", "    Runtime: java25\n    SnapStart:\n      ApplyOn: PublishedVersions\n");
        assertTrue(LambdaLaunch.function(global, "functions/api/target/musicrec-api.jar").snapStart());
        assertFalse(LambdaLaunch.function(TEMPLATE, "functions/api/target/musicrec-api.jar").snapStart());
    }

    @Test
    void refusesAnUnknownJarOrAMemorySizeItCannotRead() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.function(TEMPLATE, "functions/y.jar"))
                .getMessage().contains("functions/y.jar"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.function(TEMPLATE, "functions/x/target/x.jar"))
                .getMessage().contains("NoMemory"));
    }

    @Test
    void findsTheHttpFunctionsInTheRepositorysTemplate() throws IOException {
        String template = Files.readString(Path.of("../../template.yaml"));
        for (String function : List.of("api", "users", "ml", "reader")) {
            LambdaLaunch.Function found = LambdaLaunch.function(template, "functions/" + function + "/target/musicrec-" + function + ".jar");
            assertTrue(found.memoryMegabytes() >= 128 && found.memoryMegabytes() <= 10240, found.toString());
            assertTrue(found.snapStart(), found.toString());
        }
    }

    @Test
    void givesTheRuntimesOptionsWithAHeapOf85PercentOfTheMemory() {
        // 445645k is what the runtime passes to a 512 MB function.
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1"), LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", 512, Optional.empty(), false)));
        assertEquals("-XX:MaxHeapSize=891290k", LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", 1024, Optional.empty(), false)).get(0));
    }

    @Test
    void leavesTheCompilationLevelToAFunctionThatChoosesOne() {
        assertEquals(List.of("-XX:MaxHeapSize=891290k", "-XX:+UseSerialGC", "-Xshare:auto"),
                LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", 1024, Optional.of("--add-modules=jdk.incubator.vector -XX:TieredStopAtLevel=4"), false)));
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1"), LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", 512, Optional.of("--add-modules=jdk.incubator.vector"), false)));
    }

    @Test
    void leavesTheJvmsDefaultTiersOnUnderSnapStart() {
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto"),
                LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", 512, Optional.empty(), true)));
    }

    @Test
    void unpacksAJarAndRefusesAnEntryOutsideTheDirectory(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("f.jar");
        writeZip(jar, "io/musicrec/A.class", "META-INF/MANIFEST.MF");
        LambdaLaunch.unpack(jar, dir.resolve("task"));
        assertEquals("io/musicrec/A.class", Files.readString(dir.resolve("task/io/musicrec/A.class")));
        assertTrue(Files.isRegularFile(dir.resolve("task/META-INF/MANIFEST.MF")));

        Path evil = dir.resolve("evil.jar");
        writeZip(evil, "../outside.class");
        assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.unpack(evil, dir.resolve("task2")));
        assertTrue(Files.notExists(dir.resolve("outside.class")));
    }

    private static void writeZip(Path zip, String... names) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
