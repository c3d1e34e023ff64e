package io.psa.command.ticket;

import io.psa.api.rule.Policy;
import io.psa.api.rule.UnknownItem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** One kind of item on a ticket (notes, time entries, ...), each with the author who alone may change it. */
final class OwnedItems<C> {
    record Item<C>(String id, String author, C content) {
    }

    private final String kind;
    private final Map<String, Item<C>> items = new LinkedHashMap<>();

    OwnedItems(String kind) {
        this.kind = kind;
    }

    Item<C> get(String id) {
        Item<C> item = items.get(id);
        if (item == null) {
            throw new UnknownItem(kind, id);
        }
        return item;
    }

    void requireNew(String id) {
        Policy.<String>stateRule("item-id-unique", candidate -> !items.containsKey(candidate),
                candidate -> "An item with id " + candidate + " exists on this ticket already.").check(id);
    }

    boolean contains(String id) {
        return items.containsKey(id);
    }

    Stream<Item<C>> all() {
        return items.values().stream();
    }

    /** The items other than {@code exceptId} (which may be null). */
    Stream<C> others(String exceptId) {
        return items.values().stream().filter(item -> !item.id().equals(exceptId)).map(Item::content);
    }

    void add(String id, String author, C content) {
        items.put(id, new Item<>(id, author, content));
    }

    void replace(String id, C content) {
        items.computeIfPresent(id, (key, item) -> new Item<>(id, item.author(), content));
    }

    void remove(String id) {
        items.remove(id);
    }
}
