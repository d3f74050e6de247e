package dev.gyre.handler;

import dev.gyre.json.internal.JsonStrings;
import java.util.List;

/**
 * One thing wrong with a request's input, in FastAPI's shape:
 * {@code {"loc":["query","limit"],"msg":"…","type":"…"}}.
 *
 * @param loc  where: the source ({@code path}, {@code query}, {@code header}, {@code body}) then names
 *             or indexes inside it
 * @param msg  what, for a person
 * @param type what, for a program: {@code missing}, {@code int_parsing}, {@code value_error}, …
 */
public record Problem(List<Object> loc, String msg, String type) {

    String toJson() {
        StringBuilder sb = new StringBuilder("{\"loc\":[");
        for (int i = 0; i < loc.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object part = loc.get(i);
            sb.append(part instanceof Number ? part.toString()
                    : JsonStrings.quote(String.valueOf(part)));
        }
        return sb.append("],\"msg\":").append(JsonStrings.quote(msg))
                .append(",\"type\":").append(JsonStrings.quote(type)).append('}').toString();
    }
}
