package dev.gyre.handler.internal;

import dev.gyre.handler.BackgroundTasks;
import dev.gyre.handler.ResponseHead;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.Lent;

/**
 * What the invocation of a handler does with the values it hands the handler and a handler cannot:
 * make a {@link BackgroundTasks} and a {@link ResponseHead}, run the tasks after the response, apply the
 * head to the response. The two classes lend these from their static initialisers ({@link Lent}), so
 * that none of it is public API. Same threads as the invocation that calls them.
 */
public final class HandlerValues {
    private static final Lent<TasksAccess> TASKS = new Lent<>(BackgroundTasks.class);
    private static final Lent<HeadAccess> HEAD = new Lent<>(ResponseHead.class);

    private HandlerValues() {
    }

    /** What {@link BackgroundTasks} lends. */
    public interface TasksAccess {
        BackgroundTasks create();

        boolean isEmpty(BackgroundTasks tasks);

        void runAll(BackgroundTasks tasks, Request request);
    }

    /** What {@link ResponseHead} lends. */
    public interface HeadAccess {
        ResponseHead create();

        Response applyTo(ResponseHead head, Response response, boolean fromValue);
    }

    /** Called once, by {@link BackgroundTasks}' static initialiser. */
    public static void lendTasks(TasksAccess access) {
        TASKS.lend(access);
    }

    /** Called once, by {@link ResponseHead}'s static initialiser. */
    public static void lendHead(HeadAccess access) {
        HEAD.lend(access);
    }

    public static BackgroundTasks newTasks() {
        return TASKS.get().create();
    }

    public static boolean isEmpty(BackgroundTasks tasks) {
        return TASKS.get().isEmpty(tasks);
    }

    /** Runs every task in order; one that throws is logged and the others still run. */
    public static void runAll(BackgroundTasks tasks, Request request) {
        TASKS.get().runAll(tasks, request);
    }

    public static ResponseHead newHead() {
        return HEAD.get().create();
    }

    /**
     * The response with the head's status and headers; {@code fromValue} tells whether the handler returned
     * a value (the head's status applies) rather than a {@code Response} of its own.
     */
    public static Response applyTo(ResponseHead head, Response response, boolean fromValue) {
        return HEAD.get().applyTo(head, response, fromValue);
    }
}
