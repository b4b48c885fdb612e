package io.partner.ppm.runtime.management;

/**
 * The deserialization filter of the JMX RMI connector ({@code jdk.serialFilter} syntax). A JMX
 * client only ever needs to send names, strings, numbers, open-type data and the JMX protocol's own
 * small objects; anything else is rejected before it is built, so a hostile client cannot smuggle a
 * gadget chain in through an operation argument.
 */
final class OpenTypesFilter {

    /** Accepted classes (arrays are checked by their element type), everything else refused. */
    static final String PATTERN = String.join(";",
            // A call is at most 1 MiB on the wire (HostServerSocketFactory); these bound what it can unfold into.
            "maxdepth=20", "maxrefs=10000", "maxarray=100000", "maxbytes=" + HostServerSocketFactory.MAX_CALL_BYTES,
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
            "java.lang.Enum", "java.lang.Void",
            // Operation arguments travel as an Object[]: the array is fine, a bare Object cannot be serialized.
            "java.lang.Object",
            "java.math.BigInteger", "java.math.BigDecimal", "java.util.Date",
            "java.util.ArrayList", "java.util.HashMap", "java.util.TreeMap", "java.util.Vector",
            "java.rmi.MarshalledObject",
            "javax.management.ObjectName", "javax.management.Attribute", "javax.management.AttributeList",
            "javax.management.NotificationFilterSupport", "javax.management.AttributeChangeNotificationFilter",
            "javax.management.relation.MBeanServerNotificationFilter",
            "javax.management.openmbean.*",
            "javax.security.auth.Subject",
            "!*");

    /** Credentials are a user name and a password. */
    static final String CREDENTIALS_PATTERN = "java.lang.String;!*";

    private OpenTypesFilter() {
    }
}
