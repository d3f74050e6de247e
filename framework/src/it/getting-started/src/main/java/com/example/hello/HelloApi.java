package com.example.hello;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.Path;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.handler.Status;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

@Path("/hello")
public final class HelloApi {
    public record Greeting(String message) { }

    public record NewGreeting(@NotBlank String name, @Min(1) @Max(3) int times) { }

    @Get("/{name}")
    public Greeting greet(@PathParam String name, @Query(defaultValue = "false") boolean loud) {
        String message = "Hello, " + name + "!";
        return new Greeting(loud ? message.toUpperCase() : message);
    }

    @Post("")
    @Status(201)
    public Greeting create(@Body NewGreeting greeting) {
        return new Greeting(("Hello, " + greeting.name() + "! ").repeat(greeting.times()).trim());
    }
}
