package io.psa.platform.outbound;

import io.psa.api.rule.Policy;
import io.psa.platform.PsaProperties;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses this instance calls (partner instances, later webhooks): http or https URLs of at most
 * {@value #MAX_LENGTH} characters, with a host and without user info, query or fragment; and, unless the operator
 * allows it ({@code PSA_OUTBOUND_ALLOW_PRIVATE=true}, for tests and two instances on one machine), only hosts whose
 * every address is public: no loopback, private, link-local, carrier-grade NAT, benchmark, reserved or multicast
 * address, nor an IPv6 form that carries an IPv4 address (NAT64, 6to4, IPv4-compatible), so that no one can make
 * this instance call into its own network. Checked when an address is given and again before each call. (The
 * connection resolves the host once more: a name whose answer changes between the two, DNS rebinding, is not
 * caught; an operator who fears it resolves partner names through a resolver that pins answers.)
 */
@Component
public class OutboundAddresses {
    public static final int MAX_LENGTH = 500;

    public final Policy<String> wellFormed = Policy.valueRule("outbound-address-well-formed",
            address -> parsed(address).isPresent(),
            address -> "The address must be an http(s) URL of at most " + MAX_LENGTH
                       + " characters with a host, and without user info, query or fragment.");

    public final Policy<URI> reachable;

    public OutboundAddresses(PsaProperties properties) {
        boolean allowPrivate = properties.outboundAllowPrivate();
        reachable = Policy.valueRule("outbound-address-public", uri -> allowPrivate || isPublic(uri.getHost()),
                uri -> "The address's host " + uri.getHost() + " cannot be resolved or is not a public address; "
                       + "this instance calls public addresses only (an operator may allow others with "
                       + "PSA_OUTBOUND_ALLOW_PRIVATE=true).");
    }

    /** The address as a URI, once both rules allow it. */
    public URI check(String address) {
        wellFormed.check(address);
        URI uri = parsed(address).orElseThrow();
        reachable.check(uri);
        return uri;
    }

    private static Optional<URI> parsed(String address) {
        if (address == null || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                         && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isPublic(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).noneMatch(OutboundAddresses::isInternal);
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean internalV4 = b.length == 4 && (b[0] == 0                                       // this network
                || (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64                                  // carrier-grade NAT
                || (b[0] & 0xff) == 198 && (b[1] & 0xfe) == 18                                  // benchmarking
                || (b[0] & 0xf0) == 0xf0);                                                      // reserved, broadcast
        boolean internalV6 = b.length == 16 && ((b[0] & 0xfe) == 0xfc                          // unique local
                || (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02                               // 6to4
                || (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff      // NAT64 64:ff9b::/96
                   && (b[3] & 0xff) == 0x9b
                || isZero(b, 0, 12));                                                           // IPv4-compatible
        return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
               || address.isSiteLocalAddress() || address.isMulticastAddress() || internalV4 || internalV6;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
