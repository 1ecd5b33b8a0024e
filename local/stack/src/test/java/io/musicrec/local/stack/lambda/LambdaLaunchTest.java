package io.musicrec.local.stack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaLaunchTest {

    private static final String TEMPLATE = """
            Parameters:
              TrainerMemory:
                Type: Number
                Default: 4096
              LogLevel:
                Type: String
                Default: WARN
            Globals:
              Function:
                Runtime: java25
                Timeout: 7
            Resources:
              ApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/api/target/musicrec-api.jar
                  Handler: io.musicrec.api.ApiHandler::handleRequest
                  MemorySize: 512
                  Timeout: 10
                  Environment:
                    Variables:
                      JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1
                  LoggingConfig:
                    LogFormat: JSON
                    ApplicationLogLevel: !Ref LogLevel
              ModelFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/ml/target/musicrec-ml.jar
                  Handler: "io.musicrec.ml.ModelHandler::handleRequest"
                  MemorySize: !Ref TrainerMemory
                  SnapStart:
                    ApplyOn: PublishedVersions
              NoMemory:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/x/target/x.jar
                  Handler: x.X::handleRequest
                  MemorySize: !Ref Memory
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              MemorySize: 3
            """;

    @Test
    void readsEachFunctionFromItsOwnResourceWithTheGlobalsAndTheParametersDefaults() {
        assertEquals(new LambdaLaunch.Function("ApiFunction", "functions/api/target/musicrec-api.jar", "io.musicrec.api.ApiHandler::handleRequest",
                        512, Duration.ofSeconds(10), Optional.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), "JSON", Optional.of("WARN"), false),
                LambdaLaunch.function(TEMPLATE, "ApiFunction"));
        assertEquals(new LambdaLaunch.Function("ModelFunction", "functions/ml/target/musicrec-ml.jar", "io.musicrec.ml.ModelHandler::handleRequest",
                4096, Duration.ofSeconds(7), Optional.empty(), "Text", Optional.empty(), true), LambdaLaunch.function(TEMPLATE, "ModelFunction"));
        assertEquals("io.musicrec.ml.ModelHandler", LambdaLaunch.function(TEMPLATE, "ModelFunction").handlerClass());
    }

    @Test
    void refusesAnUnknownFunctionNamingTheKnownOnesOrAMemorySizeItCannotRead() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.function(TEMPLATE, "Queue")).getMessage();
        assertTrue(unknown.contains("ApiFunction, ModelFunction, NoMemory"), unknown);
        assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.function(TEMPLATE, "TrainerMemory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LambdaLaunch.function(TEMPLATE, "NoMemory"))
                .getMessage().contains("NoMemory"));
    }

    @Test
    void findsEveryFunctionInTheRepositorysTemplate() throws IOException {
        String template = Files.readString(Path.of("../../template.yaml"));
        assertEquals(List.of("ApiFunction", "OutboxSweepFunction", "UsersFunction", "ModelFunction", "ReaderFunction", "WorkerFunction",
                "TrainerFunction", "MigrateFunction"), LambdaLaunch.functions(template));
        for (String resource : LambdaLaunch.functions(template)) {
            LambdaLaunch.Function found = LambdaLaunch.function(template, resource);
            assertTrue(found.memoryMegabytes() >= 128 && found.memoryMegabytes() <= 10240, found.toString());
            assertTrue(Files.isDirectory(Path.of("../..", found.codeUri()).getParent().getParent()), found.toString());
            assertTrue(found.snapStart(), found + ": the Globals apply SnapStart");
        }
        assertEquals("io.musicrec.trainer.MigrateHandler::handleRequest", LambdaLaunch.function(template, "MigrateFunction").handler());
        assertEquals(Duration.ofSeconds(5), LambdaLaunch.function(template, "ReaderFunction").timeout());
    }

    @Test
    void givesTheRuntimesOptionsWithAHeapOf85PercentOfTheMemory() {
        // 445645k is what the runtime passes to a 512 MB function.
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1"), LambdaLaunch.jvmOptions(function(512, Optional.empty())));
        assertEquals("-XX:MaxHeapSize=891290k", LambdaLaunch.jvmOptions(function(1024, Optional.empty())).get(0));
    }

    @Test
    void leavesTheCompilationLevelToAFunctionThatChoosesOne() {
        assertEquals(List.of("-XX:MaxHeapSize=891290k", "-XX:+UseSerialGC", "-Xshare:auto"),
                LambdaLaunch.jvmOptions(function(1024, Optional.of("--add-modules=jdk.incubator.vector -XX:TieredStopAtLevel=4"))));
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1"), LambdaLaunch.jvmOptions(function(512, Optional.of("--add-modules=jdk.incubator.vector"))));
    }

    @Test
    void leavesTheJvmsDefaultTiersOnUnderSnapStart() {
        assertEquals(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto"),
                LambdaLaunch.jvmOptions(new LambdaLaunch.Function("F", "f.jar", "F::handleRequest", 512, Duration.ofSeconds(3), Optional.empty(),
                        "Text", Optional.empty(), true)));
    }

    @Test
    void anAheadOfTimeCacheTakesThePlaceOfTheDefaultArchive() {
        List<String> command = LambdaLaunch.jvm(function(512, Optional.empty()), java.util.Map.of(), List.of("-XX:AOTCache=f.aot"),
                List.of(Path.of("f.jar")), "Main").command();
        assertTrue(command.contains("-XX:AOTCache=f.aot") && !command.contains("-Xshare:auto"), command.toString());
        assertTrue(LambdaLaunch.jvm(function(512, Optional.empty()), java.util.Map.of(), List.of(), List.of(Path.of("f.jar")), "Main")
                .command().contains("-Xshare:auto"));
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

    private static LambdaLaunch.Function function(int memory, Optional<String> toolOptions) {
        return new LambdaLaunch.Function("F", "f.jar", "F::handleRequest", memory, Duration.ofSeconds(3), toolOptions, "Text", Optional.empty(), false);
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
