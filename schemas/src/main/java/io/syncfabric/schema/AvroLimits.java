package io.syncfabric.schema;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Bounds Avro decoding for every codec of this package. Avro allocates whatever length a record
 * declares: a corrupt 5 KB record could ask for 2 GB. These bounds (far above any envelope or
 * announcement: payloads are capped well under 1 MiB) are read once, when Avro first checks a
 * length, so each codec installs them before it decodes anything; an operator's own -D settings win.
 */
final class AvroLimits {
  static final long MAX_DECLARED_BYTES = 16L << 20;
  static final int MAX_DECLARED_ITEMS = 10_000;

  static {
    limit("org.apache.avro.limits.bytes.maxLength", MAX_DECLARED_BYTES);
    limit("org.apache.avro.limits.string.maxLength", MAX_DECLARED_BYTES);
    limit("org.apache.avro.limits.collectionItems.maxLength", MAX_DECLARED_ITEMS);
    limit("org.apache.avro.limits.collectionItems.maxAllocation", MAX_DECLARED_ITEMS);
    // Avro 1.12 only instantiates trusted classes when decoding; trust exactly our generated records.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
        ClassSecurityValidator.builder().add(Envelope.class).add(MemberAnnouncement.class).build()));
  }

  private AvroLimits() {}

  /** Runs the static initialiser above (once per JVM); call it before the first decode. */
  static void install() {
    // nothing else: loading the class did the work
  }

  private static void limit(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
