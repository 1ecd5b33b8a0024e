package io.musicrec.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One function's shaded jar behind its own class loader, whose parent is the JDK's platform loader:
 * what Lambda's runtime sees, and nothing of this module's class path.
 */
final class FunctionJar implements AutoCloseable {

    static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    static final String REQUEST_STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";

    private final Path jar;
    private final URLClassLoader loader;

    FunctionJar(Path jar) throws IOException {
        this.jar = jar;
        this.loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    ClassLoader loader() {
        return loader;
    }

    /** Loads without initialising (no static blocks run). */
    Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    /**
     * What is wrong with {@code Class::method} as a Lambda handler in this jar, or empty: a public
     * class with a public no-argument constructor, implementing RequestHandler (public {@code
     * handleRequest(I, Context)}) or RequestStreamHandler ({@code handleRequest(InputStream,
     * OutputStream, Context)}).
     */
    List<String> handlerProblems(String handler) {
        List<String> problems = new ArrayList<>();
        String[] parts = handler.split("::");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            problems.add(handler + " is not Class::method");
            return problems;
        }
        Class<?> type;
        try {
            type = load(parts[0]);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(parts[0] + " is not in " + jar + ": " + e);
            return problems;
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            problems.add(parts[0] + " must be a public concrete class");
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                problems.add(parts[0] + " has no public no-argument constructor");
            }
        } catch (NoSuchMethodException e) {
            problems.add(parts[0] + " has no public no-argument constructor");
        }
        int arity;
        try {
            if (load(REQUEST_STREAM_HANDLER).isAssignableFrom(type)) {
                arity = 3;
            } else if (load(REQUEST_HANDLER).isAssignableFrom(type)) {
                arity = 2;
            } else {
                problems.add(parts[0] + " implements neither RequestHandler nor RequestStreamHandler");
                return problems;
            }
        } catch (ClassNotFoundException e) {
            problems.add(jar + " lacks aws-lambda-java-core: " + e);
            return problems;
        }
        boolean found = false;
        for (Method method : type.getMethods()) {
            if (method.getName().equals(parts[1]) && method.getParameterCount() == arity && !method.isBridge()
                    && Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                found = true;
            }
        }
        if (!found) {
            problems.add(parts[0] + " has no public " + parts[1] + " taking " + arity + " arguments");
        }
        return problems;
    }

    /**
     * The event type the handler takes: the {@code I} of its {@code RequestHandler<I, O>}, if it
     * implements it directly or through a superclass; for a RequestStreamHandler, the first
     * parameter of its public {@code handle(I, Context)} (the HTTP functions read the event's JSON
     * themselves into that type).
     */
    Optional<Class<?>> inputType(String handlerClass) throws ClassNotFoundException {
        Class<?> handler = load(handlerClass);
        if (load(REQUEST_STREAM_HANDLER).isAssignableFrom(handler)) {
            for (Method method : handler.getMethods()) {
                if (method.getName().equals("handle") && method.getParameterCount() == 2 && !method.isBridge()
                        && method.getParameterTypes()[1].getName().equals(CONTEXT)) {
                    return Optional.of(method.getParameterTypes()[0]);
                }
            }
            return Optional.empty();
        }
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType
                        && ((ParameterizedType) implemented).getRawType().getTypeName().equals(REQUEST_HANDLER)) {
                    Type input = ((ParameterizedType) implemented).getActualTypeArguments()[0];
                    if (input instanceof Class) {
                        return Optional.of((Class<?>) input);
                    }
                    if (input instanceof ParameterizedType) {
                        return Optional.of((Class<?>) ((ParameterizedType) input).getRawType());
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
