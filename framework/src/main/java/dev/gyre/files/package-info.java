/**
 * Serving files: {@link dev.gyre.files.StaticContent} (a fixed body with its {@code ETag}, answering
 * {@code If-None-Match} with {@code 304}), {@link dev.gyre.files.ClasspathResources} (a folder of the class path
 * served safely and cached) and {@link dev.gyre.files.MediaTypes} (content type by extension).
 *
 * <p>Swagger UI's assets at {@code /docs/...} are served with these; a file-system static-files handler can be
 * built on the same two pieces.
 */
package dev.gyre.files;
