/**
 * Serving files. {@link dev.gyre.files.StaticFiles} is a tree of files, on disk or on the class path
 * ({@link dev.gyre.files.ClasspathResources}), that {@link dev.gyre.files.StaticFilesHandler} serves at a path
 * prefix in front of the routes: zero-copy {@code transferTo} from disk, {@code ETag} and
 * {@code Last-Modified} with {@code 304}, single {@code Range}s, {@code HEAD}, precompressed {@code .br}, {@code .zst} and {@code .gz}
 * siblings, and no way out of the root. {@link dev.gyre.files.StaticContent} is one fixed body with the same
 * rules (the OpenAPI document, the Swagger UI page), {@code FileMediaTypes} the content type by
 * extension. The rules and the reasons for them are in {@code docs/static-files.md}.
 */
package dev.gyre.files;
