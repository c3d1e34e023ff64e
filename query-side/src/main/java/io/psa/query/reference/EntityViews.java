package io.psa.query.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.psa.api.query.Page;
import io.psa.api.reference.ReferenceQueries.ReferenceList;
import io.psa.platform.persistence.SortKey;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Read models of reference data (companies, SLAs, contracts, resources, devices): one JSON document per entity in
 * entity_view, with the company, contract and service it belongs to as columns to filter on.
 */
@Repository
public class EntityViews {
    public enum Kind {
        COMPANY("Company"), SLA("Sla"), CONTRACT("Contract"), RESOURCE("Resource"), DEVICE("Device");

        private final String aggregateType;

        Kind(String aggregateType) {
            this.aggregateType = aggregateType;
        }

        /** The command side's aggregate, as its events are stored. */
        public String aggregateType() {
            return aggregateType;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ObjectMapper views;

    public EntityViews(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;   // exact decimals (see ExactDecimals): 120.00 stays 120.00 through the documents
        this.views = json.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The document as its typed view; a field the view does not name is left out. */
    public <T> T as(JsonNode document, Class<T> view) {
        try {
            return views.treeToValue(document, view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document does not read as " + view.getSimpleName(), e);
        }
    }

    /** The event (or any value) as a document part. */
    public ObjectNode toTree(Object value) {
        return json.valueToTree(value);
    }

    /**
     * Applies {@code change} to the entity's document (a new one if there is none), unless the event with
     * {@code sequence} was applied already, and stores it with its filter columns read from the document.
     */
    public void change(Kind kind, String id, long sequence, Consumer<ObjectNode> change) {
        MapSqlParameterSource key = new MapSqlParameterSource("kind", kind.name()).addValue("id", id);
        List<Long> applied = jdbc.queryForList("select last_sequence from entity_view where kind = :kind and id = :id",
                key, Long.class);
        if (!applied.isEmpty() && applied.get(0) >= sequence) {
            return;
        }
        ObjectNode document = find(kind, id).map(ObjectNode.class::cast).orElseGet(json::createObjectNode);
        change.accept(document);
        MapSqlParameterSource row = key.addValue("sortName", SortKey.of(text(document, "name")))
                .addValue("company", text(document, "companyId"))
                .addValue("contract", text(document, "contractId"))
                .addValue("service", text(document, "contractServiceId"))
                .addValue("sequence", sequence).addValue("document", write(document));
        jdbc.update(applied.isEmpty()
                ? "insert into entity_view (kind, id, sort_name, company_id, contract_id, contract_service_id, "
                  + "last_sequence, document) values (:kind, :id, :sortName, :company, :contract, :service, :sequence, "
                  + ":document)"
                : "update entity_view set sort_name = :sortName, company_id = :company, contract_id = :contract, "
                  + "contract_service_id = :service, last_sequence = :sequence, document = :document "
                  + "where kind = :kind and id = :id", row);
    }

    public Optional<JsonNode> find(Kind kind, String id) {
        return jdbc.queryForList("select document from entity_view where kind = :kind and id = :id",
                new MapSqlParameterSource("kind", kind.name()).addValue("id", id), String.class)
                   .stream().findFirst().map(this::read);
    }

    /** A page of the entities of a kind, optionally only those of a company, a contract and a contract service. */
    public Page<JsonNode> list(ReferenceList query) {
        StringBuilder where = new StringBuilder(" where kind = :kind");
        MapSqlParameterSource params = new MapSqlParameterSource("kind", Kind.valueOf(query.kind()).name());
        filter(where, params, "company_id", query.companyId());
        filter(where, params, "contract_id", query.contractId());
        filter(where, params, "contract_service_id", query.contractServiceId());
        Long total = jdbc.queryForObject("select count(*) from entity_view" + where, params, Long.class);
        String direction = query.nameDescending() ? " desc" : "";
        params.addValue("limit", query.size()).addValue("offset", Page.offset(query.page(), query.size()));
        List<JsonNode> items = jdbc.queryForList("select document from entity_view" + where + " order by sort_name"
                        + direction + ", id" + direction + " limit :limit offset :offset", params, String.class)
                .stream().map(this::read).toList();
        return new Page<>(items, query.page(), query.size(), total == null ? 0 : total);
    }

    public void deleteAll() {
        jdbc.getJdbcTemplate().update("delete from entity_view");
    }

    private static void filter(StringBuilder sql, MapSqlParameterSource params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = :").append(column);
            params.addValue(column, value);
        }
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String write(JsonNode document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored document", e);
        }
    }
}
