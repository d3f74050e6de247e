package dev.gyre.openapi;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The types the schema tests describe. Kept free of test-framework references so that
 * {@link AbsentLibrariesTest} can load them where Jackson and Bean Validation are missing.
 */
public final class Fixtures {
    private Fixtures() {
    }

    // --- an everyday body: nested records, collections, enum, optional, scalars ---

    public enum Status { NEW, PAID, SHIPPED }

    public record Address(@NotBlank String street, @NotBlank String city, Optional<String> zip) {
    }

    public record LineItem(@NotBlank String sku, @Positive int quantity, BigDecimal unitPrice) {
    }

    public record Order(
            UUID id,
            @NotBlank String customer,
            Status status,
            @NotEmpty List<LineItem> lines,
            Set<String> tags,
            Map<String, String> attributes,
            Address shipping,
            Optional<Address> billing,
            Optional<String> note,
            BigDecimal total,
            LocalDate due,
            Instant createdAt,
            byte[] signature) {
    }

    // --- every scalar ---

    public record Scalars(
            int anInt, Integer boxedInt, long aLong, Long boxedLong, short aShort, byte aByte,
            float aFloat, Double boxedDouble, boolean aBoolean, char aChar,
            String string, BigDecimal decimal, BigInteger bigInteger, UUID uuid, URI uri,
            LocalDate date, LocalDateTime localDateTime, OffsetDateTime offsetDateTime, ZonedDateTime zonedDateTime,
            Instant instant, LocalTime localTime, OffsetTime offsetTime, Duration duration, byte[] bytes,
            Object anything, OptionalInt maybeInt) {
    }

    // --- constraints ---

    public record Constrained(
            @NotNull String notNull,
            @NotBlank @Size(max = 40) String name,
            @Size(min = 2, max = 5) List<String> tags,
            @NotEmpty Map<String, String> labels,
            @Min(1) @Max(100) int percent,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("9999.99") BigDecimal price,
            @Positive long positive,
            @PositiveOrZero Integer positiveOrZero,
            @Negative int negative,
            @NegativeOrZero int negativeOrZero,
            @Pattern(regexp = "[a-z]+") String slug,
            @Pattern(regexp = "^[A-Z]{2}$") String country,
            @Email String email,
            List<@NotBlank @Size(max = 10) String> words,
            Map<String, @Min(0) Integer> counts,
            Optional<@Size(min = 3) String> nickname,
            @Min(-1000) @Max(10) byte small,
            @Size(max = 3) int sizeOnNumberIsIgnored) {
    }

    /** A bean whose constraints sit on private fields, as with classic Bean Validation. */
    public static class Account {
        @NotNull
        private String login;
        @Email
        private String email;
        private int age;

        public String getLogin() {
            return login;
        }

        public void setLogin(String login) {
            this.login = login;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    // --- Jackson ---

    public enum Priority {
        @JsonProperty("low") LOW,
        @JsonProperty("high") HIGH
    }

    public enum Level {
        DEBUG(10), INFO(20);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        @JsonValue
        public int code() {
            return code;
        }
    }

    /** A single-value wrapper written as its value. */
    public record CustomerId(@JsonValue String value) {
    }

    @JsonClassDescription("A user as the API shows it")
    public record User(
            @JsonProperty("user_name") @JsonPropertyDescription("The login name") String name,
            @JsonIgnore String passwordHash,
            @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant createdAt,
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String password,
            CustomerId customerId,
            Priority priority,
            Level level,
            @Nullable Priority previousPriority) {
    }

    // --- beans ---

    public static class Base {
        public long version;
    }

    public static class Profile extends Base {
        public String nickname;
        private String bio;
        @JsonProperty("display")
        private String displayName;
        private boolean active;
        private transient String cache;
        @JsonIgnore
        public String internal;
        private String url;
        private String password;

        public String getBio() {
            return bio;
        }

        public boolean isActive() {
            return active;
        }

        public String getURL() {
            return url;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @JsonProperty(required = true)
        public String getZone() {
            return "UTC";
        }

        public @Nullable String getMotto() {
            return null;
        }
    }

    // --- recursion ---

    public record TreeNode(String name, List<TreeNode> children, Optional<TreeNode> parent) {
    }

    public record Employee(String name, Department department) {
    }

    public record Department(String name, Employee head, List<Employee> staff) {
    }

    // --- generics ---

    public record Page<T>(List<T> items, int total, Optional<T> first) {
    }

    public record Pair<A, B>(A left, B right) {
    }

    public static class Envelope<T> {
        private T payload;

        public T getPayload() {
            return payload;
        }
    }

    public static class OrderEnvelope extends Envelope<Order> {
        public String trace;
    }

    public static class Tags extends ArrayList<String> {
    }

    public record Catalog(
            Page<LineItem> lineItems,
            Page<Address> addresses,
            Pair<String, List<LineItem>> pair,
            OrderEnvelope envelope,
            Tags tags,
            Collection<? extends Status> statuses,
            Map<Status, Integer> countsByStatus) {
    }

    // --- name clash ---

    public record Cart(dev.gyre.openapi.fixtures.shop.Item item,
            List<dev.gyre.openapi.fixtures.billing.Item> invoice) {
    }
}
