package io.clstr.archfixtures.application.violation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.logging.Logger;

/** Deliberate violation: the application core using libraries, standard streams and old APIs. */
public class LeakyService {
    private final ObjectMapper mapper = new ObjectMapper();
    private final org.slf4j.Logger slf4j = org.slf4j.LoggerFactory.getLogger(LeakyService.class);
    private final Logger jul = Logger.getLogger("leaky");

    public Date now(io.clstr.archfixtures.bootstrap.violation.WiringDetail detail) {
        System.out.println("printing from a library " + mapper + slf4j + jul + detail);
        throw new RuntimeException("generic");
    }
}
