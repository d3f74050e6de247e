package dev.gyre.handler.internal;

import java.util.List;

/**
 * A compiled handler parameter: how to bind it, and where its value comes from for error reports.
 *
 * @param binder produces the argument
 * @param loc    the FastAPI location of the value ({@code ["query","limit"]}, {@code ["body"]}), or
 *               {@code null} for values that do not come from the client (request, dependencies, tasks)
 * @param body   whether the value is the JSON body, whose object graph may carry constraints
 */
record ParameterBinding(ParamBinder binder, List<Object> loc, boolean body) {

    static ParameterBinding internal(ParamBinder binder) {
        return new ParameterBinding(binder, null, false);
    }
}
