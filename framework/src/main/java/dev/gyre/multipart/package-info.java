/**
 * {@code multipart/form-data} (RFC 7578): {@link dev.gyre.multipart.MultipartParser}, a streaming byte-level
 * parser with its boundary matcher; {@link dev.gyre.multipart.MultipartForm} and
 * {@link dev.gyre.multipart.UploadFile}, what blocking routes bind {@code @Form} parameters from (small files in
 * memory, larger ones in temporary files deleted after the response); {@link dev.gyre.multipart.MultipartSubscriber}
 * and {@link dev.gyre.multipart.PartListener} for non-blocking routes that take the parts as they arrive;
 * {@link dev.gyre.multipart.MultipartLimits}. See {@code docs/handlers.md}.
 */
package dev.gyre.multipart;
