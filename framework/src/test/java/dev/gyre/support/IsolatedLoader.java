package dev.gyre.support;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader that sees only the given locations (over the platform's classes), as an application
 * without some optional library would, and records every class it defined, so a test can tell which
 * classes were never loaded.
 */
public final class IsolatedLoader extends URLClassLoader {
    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    public IsolatedLoader(URL... urls) {
        super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> found = super.findClass(name);
        defined.add(name);
        return found;
    }

    /** Whether the class of that binary name was defined here. */
    public boolean defined(String name) {
        return defined.contains(name);
    }
}
