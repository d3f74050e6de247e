package dev.gyre.ws;

import dev.gyre.handler.internal.Invokers;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import dev.gyre.inject.internal.Providers;
import dev.gyre.route.PathTemplate;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a {@link WebSocket} class once, at start-up, and compiles it into an {@link Endpoint}: a method
 * handle and argument binders per annotated method, or direct calls for a {@link WebSocketListener}. Every
 * mistake in a signature fails here with the method named, as for HTTP handlers.
 */
final class EndpointCompiler {
    private static final Map<Class<? extends Annotation>, Endpoint.Callback> ANNOTATIONS = Map.of(
            OnOpen.class, Endpoint.Callback.OPEN,
            OnText.class, Endpoint.Callback.TEXT,
            OnBinary.class, Endpoint.Callback.BINARY,
            OnClose.class, Endpoint.Callback.CLOSE,
            OnError.class, Endpoint.Callback.ERROR);
    private static final Function<String, Object> AS_STRING = s -> s;
    private static final Function<String, Object> AS_INT = Integer::valueOf;
    private static final Function<String, Object> AS_LONG = Long::valueOf;

    /** Produces one argument of a callback from the session and the event's value. */
    @FunctionalInterface
    private interface Binder {
        Object bind(ServerSession session, Object event);
    }

    private EndpointCompiler() {
    }

    static boolean isEndpoint(Object handler) {
        return handler.getClass().isAnnotationPresent(WebSocket.class);
    }

    /**
     * @param protocol the server's protocol settings; the endpoint's subprotocols are added to them
     * @throws IllegalArgumentException for a mistake in the class, naming it
     */
    static Endpoint compile(Object handler, WebSocketConfig protocol, Providers providers) {
        Class<?> type = handler.getClass();
        WebSocket annotation = type.getAnnotation(WebSocket.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @WebSocket");
        }
        PathTemplate template;
        try {
            template = PathTemplate.parse(annotation.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
        Set<String> subprotocols = new LinkedHashSet<>(List.of(annotation.subprotocols()));
        subprotocols.addAll(protocol.subprotocols());
        WebSocketHandshake handshake = new WebSocketHandshake(
                protocol.withSubprotocols(subprotocols.toArray(String[]::new)));
        Map<Endpoint.Callback, Endpoint.Handler> handlers = new EnumMap<>(Endpoint.Callback.class);
        Set<Endpoint.Callback> onLoop = EnumSet.noneOf(Endpoint.Callback.class);
        Map<String, Function<String, Object>> converters = new HashMap<>();
        if (handler instanceof WebSocketListener listener) {
            fromListener(listener, handlers, onLoop);
        } else {
            fromAnnotations(handler, template, handlers, onLoop, converters, providers);
        }
        return new Endpoint(type.getName(), template, handshake, Map.copyOf(handlers), Set.copyOf(onLoop),
                Map.copyOf(converters));
    }

    /** Only the methods the class overrides count as handled, so that an unhandled message type gets 1003. */
    private static void fromListener(WebSocketListener l, Map<Endpoint.Callback, Endpoint.Handler> handlers,
                                     Set<Endpoint.Callback> onLoop) {
        overridden(l, "onOpen", Endpoint.Callback.OPEN, (s, e) -> {
            l.onOpen(s);
            return null;
        }, handlers, onLoop);
        overridden(l, "onText", Endpoint.Callback.TEXT, (s, e) -> {
            l.onText(s, (String) e);
            return null;
        }, handlers, onLoop, String.class);
        overridden(l, "onBinary", Endpoint.Callback.BINARY, (s, e) -> {
            l.onBinary(s, (byte[]) e);
            return null;
        }, handlers, onLoop, byte[].class);
        overridden(l, "onClose", Endpoint.Callback.CLOSE, (s, e) -> {
            l.onClose(s, (CloseStatus) e);
            return null;
        }, handlers, onLoop, CloseStatus.class);
        overridden(l, "onError", Endpoint.Callback.ERROR, (s, e) -> {
            l.onError(s, (Throwable) e);
            return null;
        }, handlers, onLoop, Throwable.class);
    }

    private static void overridden(WebSocketListener l, String name, Endpoint.Callback callback,
                                   Endpoint.Handler handler, Map<Endpoint.Callback, Endpoint.Handler> handlers,
                                   Set<Endpoint.Callback> onLoop, Class<?>... eventType) {
        Class<?>[] params = new Class<?>[eventType.length + 1];
        params[0] = WebSocketSession.class;
        System.arraycopy(eventType, 0, params, 1, eventType.length);
        Method m;
        try {
            m = l.getClass().getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("WebSocketListener." + name + " must exist", e);
        }
        if (m.getDeclaringClass() != WebSocketListener.class) {
            handlers.put(callback, handler);
            if (m.isAnnotationPresent(NonBlocking.class)) {
                onLoop.add(callback);
            }
        }
    }

    private static void fromAnnotations(Object handler, PathTemplate template,
                                        Map<Endpoint.Callback, Endpoint.Handler> handlers,
                                        Set<Endpoint.Callback> onLoop,
                                        Map<String, Function<String, Object>> converters, Providers providers) {
        for (Method m : handler.getClass().getMethods()) {
            for (Annotation a : m.getAnnotations()) {
                Endpoint.Callback callback = ANNOTATIONS.get(a.annotationType());
                if (callback == null) {
                    continue;
                }
                String where = m.getDeclaringClass().getSimpleName() + "#" + m.getName();
                if (handlers.containsKey(callback)) {
                    throw new IllegalArgumentException(where + ": a second method annotated @"
                            + a.annotationType().getSimpleName());
                }
                handlers.put(callback, method(handler, m, callback, template, converters, where, providers));
                if (m.isAnnotationPresent(NonBlocking.class)) {
                    onLoop.add(callback);
                }
            }
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException(handler.getClass().getName() + " has no public method annotated "
                    + "with @OnOpen, @OnText, @OnBinary, @OnClose or @OnError, and is no WebSocketListener");
        }
    }

    private static Endpoint.Handler method(Object handler, Method m, Endpoint.Callback callback,
                                           PathTemplate template, Map<String, Function<String, Object>> converters,
                                           String where, Providers providers) {
        Class<?> returns = m.getReturnType();
        boolean mayReply = callback == Endpoint.Callback.OPEN || callback == Endpoint.Callback.TEXT
                || callback == Endpoint.Callback.BINARY;
        if (returns != void.class && !(mayReply && (returns == String.class || returns == byte[].class))) {
            throw new IllegalArgumentException(where + ": returns " + returns.getSimpleName() + "; "
                    + (mayReply ? "return void, String or byte[] (sent to the session)" : "return void"));
        }
        Parameter[] params = m.getParameters();
        Binder[] binders = new Binder[params.length];
        boolean eventBound = false;
        for (int i = 0; i < params.length; i++) {
            Binder b = contextBinder(params[i], template, converters, where, providers);
            if (b == null) {
                if (eventBound || !acceptsEvent(callback, params[i].getType())) {
                    throw new IllegalArgumentException(where + ": cannot bind parameter " + params[i].getName()
                            + " of type " + params[i].getType().getSimpleName() + "; see WebSocketListener");
                }
                eventBound = true;
                b = (session, event) -> event;
            }
            binders[i] = b;
        }
        MethodHandle invoker = Invokers.spreading(handler, m, where);
        return (session, event) -> {
            Object[] args = new Object[binders.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = binders[i].bind(session, event);
            }
            return (Object) invoker.invokeExact(args);
        };
    }

    /**
     * A binder for what every callback may take (the session, the handshake request, a path parameter,
     * a provided value), or {@code null} if the parameter is not one of them. Provided values live as long
     * as the session: made on first use from the handshake request, closed after {@code onClose}.
     */
    private static Binder contextBinder(Parameter p, PathTemplate template,
                                        Map<String, Function<String, Object>> converters, String where, Providers providers) {
        if (p.getType() == WebSocketSession.class) {
            return (session, event) -> session;
        }
        if (p.getType() == Request.class) {
            return (session, event) -> session.request();
        }
        if (providers.provides(p.getType())) {
            Class<?> type = p.getType();
            return (session, event) -> session.scope(providers).get(type);
        }
        PathParam path = p.getAnnotation(PathParam.class);
        if (path == null) {
            return null;
        }
        String name = !path.value().isEmpty() ? path.value() : p.isNamePresent() ? p.getName() : null;
        if (name == null || !template.parameterNames().contains(name)) {
            throw new IllegalArgumentException(where + ": @PathParam " + name + " is not in the path template "
                    + template.parameterNames() + " (name it, or compile with -parameters)");
        }
        Function<String, Object> converter = converter(p.getType());
        if (converter == null) {
            throw new IllegalArgumentException(where + ": @PathParam " + name + " must be String, int or long");
        }
        Function<String, Object> earlier = converters.putIfAbsent(name, converter);
        if (earlier != null && earlier != converter) {
            throw new IllegalArgumentException(where + ": @PathParam " + name + " has different types in "
                    + "different methods");
        }
        return (session, event) -> session.pathValue(name);
    }

    private static Function<String, Object> converter(Class<?> type) {
        if (type == String.class) {
            return AS_STRING;
        }
        if (type == int.class || type == Integer.class) {
            return AS_INT;
        }
        if (type == long.class || type == Long.class) {
            return AS_LONG;
        }
        return null;
    }

    private static boolean acceptsEvent(Endpoint.Callback callback, Class<?> type) {
        return switch (callback) {
            case OPEN -> false;
            case TEXT -> type == String.class;
            case BINARY -> type == byte[].class;
            case CLOSE -> type == CloseStatus.class;
            case ERROR -> type == Throwable.class;
        };
    }
}
