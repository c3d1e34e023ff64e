package io.psa.api.outsourcing;

/** How a forwarded ticket reaches a service network or vendor. */
public enum ForwardChannel { EMAIL, WEBHOOK }
