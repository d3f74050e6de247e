package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StreamTableTest {
    @Test
    void keepsStreamsInTheOrderTheyOpenedThroughRemovalsAtTheFrontMiddleAndEnd() {
        StreamTable<String> table = new StreamTable<>();
        for (int id = 1; id <= 9; id += 2) {
            table.add(id, "s" + id);
        }
        assertEquals("s5", table.remove(5));
        assertEquals("s1", table.remove(1));
        assertEquals("s9", table.remove(9));
        assertNull(table.remove(9));
        assertEquals(List.of("s3", "s7"), table.snapshot());
        assertEquals("s3", table.at(0));
        assertEquals("s7", table.get(7));
        assertNull(table.get(5));
        assertNull(table.get(4));
        table.add(11, "s11");
        assertEquals(List.of("s3", "s7", "s11"), table.snapshot());
    }

    @Test
    void findsStreamsWhereTheNumberingGuessMissesAndNeverFindsOneThatIsNotThere() {
        StreamTable<String> table = new StreamTable<>();
        table.add(1, "s1");
        table.add(3, "s3");
        table.add(101, "s101");
        table.add(103, "s103");
        table.add(Integer.MAX_VALUE, "last");
        assertEquals("s101", table.get(101));
        assertEquals("s103", table.get(103));
        assertEquals("last", table.get(Integer.MAX_VALUE));
        assertNull(table.get(5), "the guess for 5 lands on 101");
        assertNull(table.get(0));
        assertNull(table.get(-7));
        assertNull(table.get(Integer.MIN_VALUE));
        assertNull(new StreamTable<String>().get(1));
    }

    @Test
    void refusesAnIdThatIsNotAboveEveryIdPresent() {
        StreamTable<String> table = new StreamTable<>();
        table.add(3, "a");
        assertThrows(IllegalArgumentException.class, () -> table.add(3, "b"));
        assertThrows(IllegalArgumentException.class, () -> table.add(1, "b"));
        assertEquals(1, table.size());
    }

    @Test
    void positionsMoveOnToTheNextEntryAfterARemovalSoALoopCanRemoveAsItGoes() {
        StreamTable<Integer> table = new StreamTable<>();
        for (int id = 1; id <= 41; id += 2) {
            table.add(id, id);
        }
        for (int i = 0; i < table.size(); ) {
            int id = table.at(i);
            if (id % 3 == 0) {
                table.remove(id);
            } else {
                i++;
            }
        }
        List<Integer> left = table.snapshot();
        assertEquals(14, left.size());
        assertTrue(left.stream().noneMatch(id -> id % 3 == 0), left.toString());
    }

    @Test
    void agreesWithASortedMapThroughRandomOpeningsAndClosings() {
        Random random = new Random(5);
        StreamTable<Integer> table = new StreamTable<>();
        TreeMap<Integer, Integer> expected = new TreeMap<>();
        int nextId = 1;
        for (int step = 0; step < 50_000; step++) {
            if (expected.size() < 100 && random.nextInt(3) > 0) {
                table.add(nextId, nextId);
                expected.put(nextId, nextId);
                nextId += 2;
            } else if (!expected.isEmpty()) {
                List<Integer> ids = new ArrayList<>(expected.keySet());
                int id = random.nextInt(4) == 0 ? ids.get(random.nextInt(ids.size())) : ids.getFirst();
                assertEquals(expected.remove(id), table.remove(id));
            }
            int probe = 1 + random.nextInt(nextId + 2);
            assertEquals(expected.get(probe), table.get(probe), "stream " + probe);
            assertEquals(expected.size(), table.size());
        }
        assertEquals(new ArrayList<>(expected.values()), table.snapshot());
        for (Map.Entry<Integer, Integer> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), table.get(entry.getKey()));
        }
    }
}
