package io.syncfabric.bridge.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.bridge.route.ChannelSource;
import io.syncfabric.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordResolverTest {
  private static final ChannelSource KEY = new ChannelSource.FromKey();
  private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

  private final RecordResolver resolver = new RecordResolver("a", 100);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Resolution resolve(byte[] key, Headers headers, byte[] value) {
    return resolver.resolve("fabric.ingress", 3, 42L, 1_000L, key, headers, value, KEY, "");
  }

  private Envelope accepted(byte[] key, Headers headers, byte[] value) {
    Resolution r = resolve(key, headers, value);
    assertThat(r).isInstanceOf(Resolution.Accepted.class);
    return ((Resolution.Accepted) r).pending();
  }

  private static Resolution.Rejected rejected(Resolution r) {
    assertThat(r).isInstanceOf(Resolution.Rejected.class);
    return (Resolution.Rejected) r;
  }

  private static byte[] payload(Envelope e) {
    ByteBuffer b = e.getPayload().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void acceptedRecordBecomesAnUnsequencedEnvelope() {
    Resolution r = resolve(utf8("chat:lobby"), new RecordHeaders(), utf8("{\"text\":\"hi\"}"));

    assertThat(r).isInstanceOf(Resolution.Accepted.class);
    Resolution.Accepted a = (Resolution.Accepted) r;
    assertThat(a.channel()).isEqualTo("chat:lobby");
    Envelope e = a.pending();
    assertThat(e.getChannel()).isEqualTo("chat:lobby");
    assertThat(e.getEpoch()).isEmpty();
    assertThat(e.getSeq()).isZero();
    assertThat(e.getOriginCloud()).isEqualTo("a");
    assertThat(e.getOriginTopic()).isEqualTo("fabric.ingress");
    assertThat(e.getOriginPartition()).isEqualTo(3);
    assertThat(e.getOriginOffset()).isEqualTo(42L);
    assertThat(e.getPublishedAt()).isEqualTo(1_000L);
    assertThat(e.getSequencedAt()).isZero();
    assertThat(e.getContentType()).isEqualTo(ContentTypes.JSON);
    assertThat(e.getHeaders()).isEmpty();
    assertThat(payload(e)).isEqualTo(utf8("{\"text\":\"hi\"}"));
  }

  @Test
  void missingKeyIsRejected() {
    Resolution.Rejected r = rejected(resolve(null, new RecordHeaders(), utf8("x")));

    assertThat(r.reason()).isEqualTo(DlqReason.MISSING_KEY);
  }

  @Test
  void keyThatIsNotUtf8IsABadChannel() {
    Resolution.Rejected r = rejected(resolve(INVALID_UTF8, new RecordHeaders(), utf8("x")));

    assertThat(r.reason()).isEqualTo(DlqReason.BAD_CHANNEL);
    assertThat(r.detail()).contains("UTF-8");
  }

  @Test
  void keyBreakingTheChannelNameRulesIsABadChannel() {
    Resolution.Rejected r = rejected(resolve(utf8("chat lobby"), new RecordHeaders(), utf8("x")));

    assertThat(r.reason()).isEqualTo(DlqReason.BAD_CHANNEL);
    assertThat(r.detail()).contains("chat lobby");
    assertThat(rejected(resolve(utf8("chat:*"), new RecordHeaders(), utf8("x"))).reason())
        .isEqualTo(DlqReason.BAD_CHANNEL);
    assertThat(rejected(resolve(utf8(""), new RecordHeaders(), utf8("x"))).reason())
        .isEqualTo(DlqReason.BAD_CHANNEL);
  }

  @Test
  void longBadChannelIsAbbreviatedInTheDetail() {
    String longName = "x".repeat(300);

    Resolution.Rejected r = rejected(resolve(utf8(longName), new RecordHeaders(), utf8("x")));

    assertThat(r.reason()).isEqualTo(DlqReason.BAD_CHANNEL);
    assertThat(r.detail()).endsWith("...").hasSizeLessThan(120);
  }

  @Test
  void nullValueIsRejectedAsMissingValue() {
    assertThat(rejected(resolve(utf8("chat:lobby"), new RecordHeaders(), null)).reason())
        .isEqualTo(DlqReason.MISSING_VALUE);
  }

  @Test
  void payloadOverTheLimitIsRejectedAndAtTheLimitAccepted() {
    Resolution.Rejected r = rejected(resolve(utf8("c"), new RecordHeaders(), new byte[101]));

    assertThat(r.reason()).isEqualTo(DlqReason.PAYLOAD_TOO_LARGE);
    assertThat(r.detail()).isEqualTo("101 bytes > 100");
    assertThat(resolve(utf8("c"), new RecordHeaders(), new byte[100])).isInstanceOf(Resolution.Accepted.class);
  }

  @Test
  void declaredContentTypeIsKeptWithoutSniffing() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", utf8("application/vnd.shop+json; v=2"));

    assertThat(accepted(utf8("c"), headers, utf8("plain words")).getContentType())
        .isEqualTo("application/vnd.shop+json; v=2");
  }

  @Test
  void badDeclaredContentTypeIsRejected() {
    RecordHeaders control = new RecordHeaders();
    control.add("content-type", utf8("text/plain\n"));
    RecordHeaders empty = new RecordHeaders();
    empty.add("content-type", new byte[0]);
    RecordHeaders tooLong = new RecordHeaders();
    tooLong.add("content-type", utf8("a".repeat(101)));
    RecordHeaders nonAscii = new RecordHeaders();
    nonAscii.add("content-type", utf8("text/é"));

    for (Headers h : new Headers[] {control, empty, tooLong, nonAscii}) {
      Resolution.Rejected r = rejected(resolve(utf8("c"), h, utf8("x")));
      assertThat(r.reason()).isEqualTo(DlqReason.BAD_CONTENT_TYPE);
      assertThat(r.detail()).startsWith("content-type: ");
    }
  }

  @Test
  void contentTypeIsSniffedWhenNotDeclared() {
    assertThat(accepted(utf8("c"), new RecordHeaders(), utf8("[1, 2]")).getContentType()).isEqualTo(ContentTypes.JSON);
    assertThat(accepted(utf8("c"), new RecordHeaders(), utf8("\"s\"")).getContentType()).isEqualTo(ContentTypes.JSON);
    assertThat(accepted(utf8("c"), new RecordHeaders(), utf8("42")).getContentType()).isEqualTo(ContentTypes.JSON);
    assertThat(accepted(utf8("c"), new RecordHeaders(), utf8("{\"a\":1} {")).getContentType())
        .isEqualTo(ContentTypes.TEXT);
    assertThat(accepted(utf8("c"), new RecordHeaders(), utf8("hello")).getContentType()).isEqualTo(ContentTypes.TEXT);
    assertThat(accepted(utf8("c"), new RecordHeaders(), new byte[0]).getContentType()).isEqualTo(ContentTypes.TEXT);
    assertThat(accepted(utf8("c"), new RecordHeaders(), new byte[] {(byte) 0xFF, 0x00, 0x10}).getContentType())
        .isEqualTo(ContentTypes.BINARY);
  }

  @Test
  void textHeadersAreCarried() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("idempotency-key", utf8("k-1"));
    headers.add("traceparent", utf8("00-abc-01"));

    assertThat(accepted(utf8("c"), headers, utf8("x")).getHeaders())
        .containsExactlyInAnyOrderEntriesOf(Map.of("idempotency-key", "k-1", "traceparent", "00-abc-01"));
  }

  @Test
  void contentTypeFabricBinaryNullAndOversizedHeadersAreNotCarried() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", utf8("text/plain"));
    headers.add("fabric.internal", utf8("x"));
    headers.add("binary", INVALID_UTF8);
    headers.add("null", null);
    headers.add("big", new byte[RecordResolver.MAX_HEADER_VALUE_BYTES + 1]);
    headers.add("just-fits", utf8("y".repeat(RecordResolver.MAX_HEADER_VALUE_BYTES)));
    headers.add("kept", utf8("v"));

    assertThat(accepted(utf8("c"), headers, utf8("x")).getHeaders())
        .containsOnlyKeys("just-fits", "kept");
  }

  @Test
  void atMostSixteenHeadersAreCarried() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("fabric.skipped", utf8("not counted"));
    for (int i = 0; i < 20; i++) {
      headers.add("h" + i, utf8("v" + i));
    }

    Map<String, String> carried = accepted(utf8("c"), headers, utf8("x")).getHeaders();

    assertThat(carried).hasSize(RecordResolver.MAX_CARRIED_HEADERS);
    assertThat(carried).containsEntry("h0", "v0").containsEntry("h15", "v15").doesNotContainKey("h16");
  }

  @Test
  void routedRecordGetsThePrefixedChannelFromItsSource() {
    ChannelSource json = ChannelSource.parse("json:user.id");

    Resolution r = resolver.resolve("shop.users", 0, 7L, 5L, null, new RecordHeaders(),
        utf8("{\"user\":{\"id\":\"u1\"}}"), json, "user:");

    assertThat(r).isInstanceOf(Resolution.Accepted.class);
    assertThat(((Resolution.Accepted) r).channel()).isEqualTo("user:u1");
    assertThat(((Resolution.Accepted) r).pending().getOriginTopic()).isEqualTo("shop.users");
  }

  @Test
  void routedRecordWithoutItsFieldIsRejectedAsNoChannel() {
    ChannelSource json = ChannelSource.parse("json:user.id");

    Resolution r = resolver.resolve("shop.users", 0, 7L, 5L, null, new RecordHeaders(),
        utf8("{\"user\":{}}"), json, "user:");

    assertThat(rejected(r).reason()).isEqualTo(DlqReason.NO_CHANNEL_IN_ROUTE);
    assertThat(rejected(r).detail()).startsWith("no channel at ");
  }

  @Test
  void routedRecordWithNullValueHasNoChannel() {
    Resolution r = resolver.resolve("shop.users", 0, 7L, 5L, null, new RecordHeaders(), null,
        ChannelSource.parse("json:id"), "");

    assertThat(rejected(r).reason()).isEqualTo(DlqReason.NO_CHANNEL_IN_ROUTE);
  }

  @Test
  void routedChannelBreakingTheRulesAfterPrefixIsABadChannel() {
    Resolution r = resolver.resolve("shop.users", 0, 7L, 5L, null, new RecordHeaders(),
        utf8("{\"id\":\"has space\"}"), ChannelSource.parse("json:id"), "user:");

    assertThat(rejected(r).reason()).isEqualTo(DlqReason.BAD_CHANNEL);
    assertThat(rejected(r).detail()).contains("user:has space");
  }
}
