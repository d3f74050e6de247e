package dev.gyre.handler.internal;

import dev.gyre.loop.BufferBudget;
import dev.gyre.multipart.MultipartLimits;

/**
 * How the routes of a server read forms: the limits, and the budget the upload bytes kept in memory are reserved
 * from (a part the budget cannot hold spools to disk).
 */
record FormReading(MultipartLimits limits, BufferBudget memory) {
}
