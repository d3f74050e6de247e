package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.testing.GyreExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HelloApiTest {
    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.of(new HelloApi());

    @Test
    void greetsByName() {
        HttpResponse<String> r = gyre.client().get("/hello/Ada?loud=yes");
        assertEquals(200, r.statusCode());
        assertEquals("{\"message\":\"HELLO, ADA!\"}", r.body());
    }

    @Test
    void createsAGreeting() {
        HttpResponse<String> r = gyre.client().postJson("/hello", "{\"name\":\"Ada\",\"times\":2}");
        assertEquals(201, r.statusCode());
        assertEquals("{\"message\":\"Hello, Ada! Hello, Ada!\"}", r.body());
    }

    @Test
    void refusesABlankName() {
        HttpResponse<String> r = gyre.client().postJson("/hello", "{\"name\":\"\",\"times\":1}");
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("\"loc\":[\"body\",\"name\"]"), r.body());
    }
}
