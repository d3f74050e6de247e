package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentNamesTest {
    static final class Outer {
        record Item() {
        }
    }

    static final class Other {
        record Item() {
        }
    }

    private static Map<String, String> assign(Type... types) {
        return ComponentNames.assign(List.of(types));
    }

    @Test
    void simpleNamesWhenTheyDoNotClash() {
        assertEquals(Map.of(Types.key(Outer.Item.class), "Item"), assign(Outer.Item.class));
    }

    @Test
    void clashingNestedTypesAreQualifiedByTheirOuterClass() {
        assertEquals(Map.of(Types.key(Outer.Item.class), "OuterItem", Types.key(Other.Item.class), "OtherItem"),
                assign(Other.Item.class, Outer.Item.class));
    }

    @Test
    void clashingTopLevelTypesAreQualifiedByTheirPackage() {
        assertEquals(Map.of(Types.key(dev.gyre.openapi.fixtures.shop.Item.class), "ShopItem",
                        Types.key(dev.gyre.openapi.fixtures.billing.Item.class), "BillingItem"),
                assign(dev.gyre.openapi.fixtures.shop.Item.class, dev.gyre.openapi.fixtures.billing.Item.class));
    }

    @Test
    void onlyTheClashingTypesAreQualified() {
        Map<String, String> names = assign(Outer.Item.class, Other.Item.class, Fixtures.Address.class);
        assertEquals("Address", names.get(Types.key(Fixtures.Address.class)));
    }

    @Test
    void parameterizedTypesAppendTheirArguments() {
        assertEquals("PairStringListAddress", ComponentNames.name(
                new TypeRef<Fixtures.Pair<String, List<Fixtures.Address>>>() { }.type(), 0));
        assertEquals("PageAddressArray", ComponentNames.name(new TypeRef<Fixtures.Page<Fixtures.Address[]>>() { }.type(), 0));
    }

    @Test
    void aQualifiedNameThatClashesAgainIsQualifiedFurther() {
        assertEquals("ComponentNamesTestOuterItem", ComponentNames.name(Outer.Item.class, 2));
        assertEquals("OpenapiComponentNamesTestOuterItem", ComponentNames.name(Outer.Item.class, 3));
        assertEquals("DevGyreOpenapiComponentNamesTestOuterItem", ComponentNames.name(Outer.Item.class, 99));
    }
}
