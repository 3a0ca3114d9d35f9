package org.flowwatch.schemas.config;

/** A setting is unknown, missing or malformed; the message names the key and the layer it came from. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
