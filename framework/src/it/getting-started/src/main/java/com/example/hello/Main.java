package com.example.hello;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.time.Duration;

public final class Main {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        GyreServer server = Gyre.builder().port(port).handlers(new HelloApi()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(10))));
    }
}
