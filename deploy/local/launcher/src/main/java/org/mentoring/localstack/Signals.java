package org.mentoring.localstack;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Handles a POSIX signal through the JDK's sun.misc.Signal (module jdk.unsupported), looked up reflectively so that
 * the build stays free of internal-API warnings. Without it, the JVM's shutdown hooks still stop the stack.
 */
final class Signals {

    private Signals() {
    }

    static void handle(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, arguments) -> {
                        switch (method.getName()) {
                            case "handle":
                                action.run();
                                return null;
                            case "equals":
                                return proxy == arguments[0];
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            default:
                                return "local-stack SIG" + name + " handler";
                        }
                    });
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Method install = signalClass.getMethod("handle", signalClass, handlerClass);
            install.invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Log.info("Cannot handle SIG" + name + " (" + e + "): relying on the shutdown hook");
        }
    }
}
