package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.loop.BufferBudget;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-form bound on file bytes kept in memory: many small parts spool once it is spent. */
class FormMemoryTest {
    private static final String BOUNDARY = "form-memory-boundary";

    @Test
    void partsPastTheFormMemorySpoolToDiskWhateverTheirSize() throws Exception {
        Object[][] parts = new Object[10][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Object[] {"f", "f" + i + ".bin", UploadsTest.randomBytes(1000 + i)};
        }
        MultipartLimits limits = MultipartLimits.defaults().withMemoryThreshold(4096).withMaxFormMemory(3500);
        try (MultipartForm form = MultipartForm.read(new ByteArrayInputStream(UploadsTest.form(BOUNDARY, parts)),
                "multipart/form-data; boundary=" + BOUNDARY, limits)) {
            List<UploadFile> files = form.files("f");
            assertEquals(10, files.size());
            for (int i = 0; i < files.size(); i++) {
                assertEquals(i >= 3, files.get(i).isSpooled(), "part " + i + " spooled");
                try (var in = files.get(i).inputStream()) {
                    assertArrayEquals((byte[]) parts[i][2], in.readAllBytes());
                }
            }
        }
    }

    @Test
    void inMemoryPartsHoldTheServersBudgetUntilTheFormClosesAndSpoolWhenItIsSpent() throws Exception {
        Object[][] parts = new Object[4][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Object[] {"f", "f" + i, UploadsTest.randomBytes(1000)};
        }
        BufferBudget budget = new BufferBudget(2500);
        MultipartForm form = MultipartForm.read(new ByteArrayInputStream(UploadsTest.form(BOUNDARY, parts)),
                "multipart/form-data; boundary=" + BOUNDARY, MultipartLimits.defaults(), budget);
        List<UploadFile> files = form.files("f");
        assertFalse(files.get(0).isSpooled());
        assertFalse(files.get(1).isSpooled());
        assertTrue(files.get(2).isSpooled(), "the budget had 500 bytes left, less than the part");
        assertTrue(files.get(3).isSpooled());
        try (var in = files.get(2).inputStream()) {
            assertArrayEquals((byte[]) parts[2][2], in.readAllBytes());
        }
        assertFalse(budget.reserve(501), "two parts of 1000 bytes are held");
        form.close();
        assertTrue(budget.reserve(2500), "closing the form gave every byte back");
    }

    @Test
    void theDefaultFormMemoryIsOneMebibyte() throws Exception {
        assertEquals(1024 * 1024, MultipartLimits.defaults().maxFormMemory());
        Object[][] parts = new Object[20][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Object[] {"f", "f" + i, UploadsTest.randomBytes(64 * 1024)};
        }
        try (MultipartForm form = MultipartForm.read(new ByteArrayInputStream(UploadsTest.form(BOUNDARY, parts)),
                "multipart/form-data; boundary=" + BOUNDARY, MultipartLimits.defaults())) {
            List<UploadFile> files = form.files("f");
            assertFalse(files.get(15).isSpooled());
            assertTrue(files.get(16).isSpooled());
            assertTrue(files.get(19).isSpooled());
        }
    }
}
