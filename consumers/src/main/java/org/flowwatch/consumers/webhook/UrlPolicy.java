package org.flowwatch.consumers.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses webhook URLs that point into our own network (loopback, private, link-local, carrier-grade NAT,
 * unique-local IPv6) unless a setting allows them: an endpoints file must not turn the dispatcher into a way to
 * reach internal services. Checked when the file is loaded; redirects are never followed.
 */
public record UrlPolicy(boolean allowLoopback, boolean allowPrivate) {

    /** Empty when the URL may be used, else why not, in words. */
    public Optional<String> refusal(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            return Optional.of("only http and https URLs are allowed");
        }
        if (url.getHost() == null) {
            return Optional.of("the URL has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot judge yet: the check before each request decides
        }
        for (InetAddress address : addresses) {
            if (isLoopback(address) && !allowLoopback) {
                return Optional.of(address.getHostAddress() + " is a loopback address (set dispatch.allow.loopback=true to allow)");
            }
            if (isPrivate(address) && !allowPrivate) {
                return Optional.of(address.getHostAddress() + " is a private address (set dispatch.allow.private=true to allow)");
            }
        }
        return Optional.empty();
    }

    private static boolean isLoopback(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress();
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        boolean uniqueLocalV6 = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
        return address.isSiteLocalAddress() || address.isLinkLocalAddress() || carrierGradeNat || uniqueLocalV6;
    }
}
