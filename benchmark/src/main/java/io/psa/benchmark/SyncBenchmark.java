package io.psa.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Partner sync between two instances, each its own process and database: the time from a note acknowledged at the
 * lead until the partner's read model shows it (against the lead's own read-model lag, measured for the same notes),
 * and the catch-up rate of a partner that was down while the lead made N changes (against the rate at which the
 * lead took those changes).
 */
final class SyncBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKETS = 10;

    private final Benchmark bench;
    private final String lead;
    private final String leadDb;
    private final int notes;
    private final int backlog;
    private String partner;
    private String partnerDb;
    private Process partnerProcess;
    private int partnerPort;

    SyncBenchmark(Benchmark bench, String lead, String leadDb, int notes, int backlog) {
        this.bench = bench;
        this.lead = lead;
        this.leadDb = leadDb;
        this.notes = notes;
        this.backlog = backlog;
    }

    void run() throws Exception {
        String database = "psa_bench_partner_" + System.currentTimeMillis();
        bench.admin("create database " + database);
        partnerDb = leadDb.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
        partnerPort = Benchmark.freePort();
        partner = "http://127.0.0.1:" + partnerPort;
        try {
            startPartner();
            String agreement = pair();
            List<String> tickets = new ArrayList<>();
            for (int i = 0; i < TICKETS; i++) {
                tickets.add(outsource(agreement));
            }
            latency(tickets.get(0), partnerCopy(agreement, tickets.get(0)));
            catchUp(agreement, tickets);
        } finally {
            if (partnerProcess != null) {
                partnerProcess.destroy();
                partnerProcess.waitFor();
            }
            bench.admin("drop database if exists " + database + " with (force)");
        }
    }

    private void startPartner() throws Exception {
        partnerProcess = bench.start(partnerDb, partnerPort, "benchmark-partner.log", "partner");
        bench.awaitUp(partner);
    }

    private String pair() throws Exception {
        call(lead, "PUT", "/api/instance", "{\"name\":\"lead\",\"language\":\"en\",\"publicBaseUrl\":\"" + lead + "\"}");
        call(lead, "POST", "/api/outsourcing/terms/acceptance", "{}");
        call(partner, "PUT", "/api/instance", "{\"name\":\"partner\",\"language\":\"en\",\"publicBaseUrl\":\"" + partner
                                              + "\"}");
        JsonNode invitation = call(lead, "POST", "/api/partners/invitations", "{\"kind\":\"PARTNER\",\"name\":\"partner\"}");
        call(partner, "POST", "/api/partners/invitations/acceptance", "{\"leadBaseUrl\":\"" + lead
                + "\",\"invitationCode\":\"" + invitation.get("invitationCode").asText() + "\"}");
        return invitation.get("id").asText();
    }

    /** A ticket outsourced and accepted; answers the lead's ticket id. */
    private String outsource(String agreement) throws Exception {
        String ticket = call(lead, "POST", "/api/tickets", "{\"companyId\":\"" + bench.company
                                                           + "\",\"title\":\"Outsourced\"}").get("id").asText();
        call(lead, "POST", "/api/tickets/" + ticket + "/outsourcing", "{\"agreementId\":\"" + agreement + "\"}");
        String copy = partnerCopy(agreement, ticket);
        await(() -> exists(partnerDb, copy));
        call(partner, "POST", "/api/tickets/" + copy + "/insourcing/accept", "{}");
        return ticket;
    }

    private void latency(String leadTicket, String copy) throws Exception {
        List<Double> atPartner = new ArrayList<>();
        List<Double> atLead = new ArrayList<>();
        try (Connection leadView = bench.connect(leadDb); Connection partnerView = bench.connect(partnerDb)) {
            await(() -> sequence(partnerView, copy) >= 0 && sequence(leadView, leadTicket) >= 0);
            for (int i = 0; i < notes; i++) {
                long leadBefore = sequence(leadView, leadTicket);
                long partnerBefore = sequence(partnerView, copy);
                call(lead, "POST", "/api/tickets/" + leadTicket + "/notes",
                        "{\"title\":\"n\",\"text\":\"note " + i + "\",\"visibility\":\"EXTERNAL\"}");
                long acknowledged = System.nanoTime();
                boolean leadSeen = false;
                while (true) {
                    long now = System.nanoTime();
                    if (!leadSeen && sequence(leadView, leadTicket) > leadBefore) {
                        atLead.add((now - acknowledged) / 1e6);
                        leadSeen = true;
                    }
                    if (sequence(partnerView, copy) > partnerBefore) {
                        atPartner.add((now - acknowledged) / 1e6);
                        break;
                    }
                    Thread.sleep(1);
                }
                if (!leadSeen) {
                    atLead.add((System.nanoTime() - acknowledged) / 1e6);
                }
            }
        }
        double leadP50 = Benchmark.Result.percentile(atLead, 50);
        double partnerP50 = Benchmark.Result.percentile(atPartner, 50);
        System.out.printf("%npartner sync, %d EXTERNAL notes one after another:%n", notes);
        System.out.printf("  acknowledged at the lead -> readable at the lead (its own read model):  p50 %.1f ms   p99 %.1f ms%n",
                leadP50, Benchmark.Result.percentile(atLead, 99));
        System.out.printf("  acknowledged at the lead -> readable at the partner:                    p50 %.1f ms   p99 %.1f ms"
                          + "  = %.1f x the lead's own lag (p50)%n", partnerP50, Benchmark.Result.percentile(atPartner, 99),
                partnerP50 / leadP50);
    }

    private void catchUp(String agreement, List<String> tickets) throws Exception {
        partnerProcess.destroy();
        partnerProcess.waitFor();
        long start = System.nanoTime();
        List<Thread> writers = new ArrayList<>();
        for (String ticket : tickets) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < backlog / tickets.size(); i++) {
                        call(lead, "POST", "/api/tickets/" + ticket + "/notes",
                                "{\"title\":\"b\",\"text\":\"" + UUID.randomUUID() + "\",\"visibility\":\"EXTERNAL\"}");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        double written = (System.nanoTime() - start) / 1e9;
        long head;
        try (Connection connection = bench.connect(leadDb);
             PreparedStatement max = connection.prepareStatement("select max(position) from partner_feed where agreement_id = ?")) {
            max.setString(1, agreement);
            try (ResultSet rows = max.executeQuery()) {
                rows.next();
                head = rows.getLong(1);
            }
        }
        long restarted = System.nanoTime();
        startPartner();
        long up = System.nanoTime();
        try (Connection connection = bench.connect(partnerDb);
             PreparedStatement position = connection.prepareStatement(
                     "select position from partner_subscription where agreement_id = ?")) {
            position.setString(1, agreement);
            await(() -> {
                try (ResultSet rows = position.executeQuery()) {
                    return rows.next() && rows.getLong(1) >= head;
                }
            });
        }
        double caughtUp = (System.nanoTime() - up) / 1e9;
        int changes = backlog / tickets.size() * tickets.size();
        System.out.printf("%npartner down while the lead took %,d notes on %d outsourced tickets (%d writers): %,.0f/s%n",
                changes, tickets.size(), tickets.size(), changes / written);
        System.out.printf("partner restarted in %.1f s, then caught up in %.1f s: %,.0f facts/s  = %.2f x the lead's write rate%n",
                (up - restarted) / 1e9, caughtUp, changes / caughtUp, (changes / caughtUp) / (changes / written));
    }

    private JsonNode call(String base, String method, String path, String body) throws Exception {
        Driver.Answer response = bench.send(base, method, path, body);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + base + path + " -> " + response.statusCode() + " "
                                            + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static String partnerCopy(String agreement, String leadTicket) {
        return UUID.nameUUIDFromBytes((agreement + "/" + leadTicket).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                   .toString();
    }

    private boolean exists(String db, String ticket) throws Exception {
        try (Connection connection = bench.connect(db)) {
            return sequence(connection, ticket) >= 0;
        }
    }

    /** The ticket's last event sequence shown by the read model; -1 when it shows no such ticket yet. */
    private static long sequence(Connection connection, String ticket) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "select last_sequence from ticket_view where ticket_id = ?")) {
            statement.setString(1, ticket);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after 10 minutes");
            }
            Thread.sleep(2);
        }
    }
}
