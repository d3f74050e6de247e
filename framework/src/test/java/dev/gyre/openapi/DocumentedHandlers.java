package dev.gyre.openapi;

import dev.gyre.handler.Body;
import dev.gyre.handler.Delete;
import dev.gyre.handler.Get;
import dev.gyre.handler.Header;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Path;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Put;
import dev.gyre.handler.Query;
import dev.gyre.handler.Status;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Handlers whose documents the golden and serving tests pin; bodies are trivial, only signatures matter. */
public final class DocumentedHandlers {
    private DocumentedHandlers() {
    }

    /** The shape of the sample app's ItemsApi: a validated record body, Optional result, paging defaults. */
    @Path("/items")
    @Tag(value = "items", description = "Everything about items")
    public static final class ItemsHandler {
        public record NewItem(@NotBlank String name, @Positive BigDecimal price, Optional<String> description,
                              List<@NotBlank String> tags) {
        }

        public record Item(long id, String name, BigDecimal price, Optional<String> description, List<String> tags,
                           Instant createdAt, UUID ref) {
        }

        @Post("")
        @Status(201)
        public Item create(@Body NewItem item) {
            return new Item(1, item.name(), item.price(), item.description(), item.tags(), Instant.EPOCH, new UUID(0, 1));
        }

        @Get("/{id}")
        public Optional<Item> find(@PathParam long id) {
            return Optional.empty();
        }

        @Get("")
        public List<Item> list(@Query(defaultValue = "20") @Positive @Max(100) int limit,
                               @Query(defaultValue = "0") @PositiveOrZero int offset) {
            return List.of();
        }

        @Delete("/{id}")
        public void delete(@PathParam long id) {
        }
    }

    /** One route per result and binding shape the handler layer knows. */
    public static final class ShapesHandler {
        public enum Color { RED, GREEN }

        public record Palette(Map<String, Color> named, Set<Color> favourites) {
        }

        @Get("/text")
        @NonBlocking
        @Operation(summary = "Plain text", description = "Says *hello*.")
        public String text() {
            return "hello";
        }

        @Post("/bytes")
        public byte[] bytes(@Body byte[] body) {
            return body;
        }

        @Post("/note")
        public String note(@Body String text) {
            return text;
        }

        @Get("/palette")
        public CompletionStage<Palette> palette(@Query Optional<Boolean> warm, @Header("X-Trace") Optional<String> trace,
                                                @Header(value = "X-Limit", defaultValue = "5") long limit,
                                                Request request) {
            return CompletableFuture.completedFuture(new Palette(Map.of(), Set.of()));
        }

        @Put("/palette/{id}")
        @Operation(tags = {"colors", "admin"})
        public Palette replace(@PathParam("id") @Size(min = 3) String key, @Body Optional<Palette> palette) {
            return palette.orElseThrow();
        }

        @Get("/report")
        @ApiResponse(status = 200, description = "A CSV report", type = String.class, mediaType = "text/csv")
        @ApiResponse(status = 409, description = "A report is being built")
        public Response report() {
            return Response.text("a,b");
        }

        @Get("/untyped")
        public Response untyped() {
            return Response.of(200);
        }

        @Deprecated
        @Get("/old")
        public String old() {
            return "old";
        }

        @Hidden
        @Get("/secret")
        public String secret() {
            return "secret";
        }

        @Get("/files/{name}")
        public String unbound(Request request) {
            return request.pathParam("name");
        }
    }

    /** A whole class left out of the document. */
    @Hidden
    public static final class InternalHandler {
        @Get("/internal/health")
        public String health() {
            return "ok";
        }
    }
}
