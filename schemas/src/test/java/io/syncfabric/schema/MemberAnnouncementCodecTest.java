package io.syncfabric.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberAnnouncementCodecTest {

  static MemberAnnouncement sample() {
    return MemberAnnouncement.newBuilder()
        .setNode("b-8180").setCloud("b").setRegion("eu-west").setUrl("ws://10.0.0.2:8180/v1/ws")
        .setHttp("http://10.0.0.2:8180").setState("serving").setConnections(120).setCapacity(20_000)
        .setAnnouncedAt(1_700_000_000_000L).setMessagesPerSec(12.5).setDeliveriesPerSec(250)
        .setLatencyP50Ms(3).setLatencyP99Ms(41)
        .build();
  }

  private static String reasonOf(byte[] bytes) {
    try {
      MemberAnnouncementCodec.decode(bytes);
      return "accepted";
    } catch (InvalidAnnouncementException e) {
      return e.reason();
    }
  }

  @Test
  void roundTripsEveryField() throws Exception {
    byte[] bytes = MemberAnnouncementCodec.encode(sample());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(MemberAnnouncementCodec.decode(bytes)).isEqualTo(sample());
  }

  @Test
  void rejectsNullShortForeignAndTruncatedInput() {
    byte[] bytes = MemberAnnouncementCodec.encode(sample());
    byte[] foreignMarker = bytes.clone();
    foreignMarker[0] = 0;
    byte[] unknownFingerprint = bytes.clone();
    unknownFingerprint[5] ^= 0x55;

    assertThat(reasonOf(null)).isEqualTo("null-value");
    assertThat(reasonOf(new byte[] {(byte) 0xC3, 1})).isEqualTo("too-short");
    assertThat(reasonOf(foreignMarker)).isEqualTo("bad-header");
    assertThat(reasonOf(unknownFingerprint)).isEqualTo("unknown-schema");
    assertThat(reasonOf(Arrays.copyOf(bytes, bytes.length - 9))).isEqualTo("corrupt-body");
  }

  @Test
  void anEnvelopeIsNotAnAnnouncement() {
    assertThat(reasonOf(EnvelopeCodec.encode(EnvelopeCodecTest.sample()))).isEqualTo("unknown-schema");
  }

  @Test
  void rejectsUnknownStatesEmptyFieldsAndNegativeCounts() {
    MemberAnnouncement badState = sample();
    badState.setState("sleeping");
    MemberAnnouncement noNode = sample();
    noNode.setNode("");
    MemberAnnouncement hugeUrl = sample();
    hugeUrl.setUrl("ws://" + "x".repeat(600));
    MemberAnnouncement negative = sample();
    negative.setConnections(-1);

    for (MemberAnnouncement a : new MemberAnnouncement[] {badState, noNode, hugeUrl, negative}) {
      assertThat(reasonOf(MemberAnnouncementCodec.encode(a))).as(a.toString()).isEqualTo("bad-field");
    }
  }

  @Test
  void acceptsEveryLifecycleState() throws Exception {
    for (String state : MemberAnnouncementCodec.STATES) {
      MemberAnnouncement a = sample();
      a.setState(state);
      assertThat(MemberAnnouncementCodec.decode(MemberAnnouncementCodec.encode(a)).getState()).isEqualTo(state);
    }
  }

  @Test
  void aHugeDeclaredLengthFailsWithoutAllocatingIt() {
    byte[] header = Arrays.copyOf(MemberAnnouncementCodec.encode(sample()), EnvelopeCodec.HEADER_BYTES);
    byte[] body = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'a'};
    byte[] bytes = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, bytes, header.length, body.length);
    assertThat(reasonOf(bytes)).isEqualTo("corrupt-body");
  }

  @Test
  void randomBodiesOnlyEverFailAsInvalidAnnouncements() {
    Random random = new Random(11);
    byte[] header = Arrays.copyOf(MemberAnnouncementCodec.encode(sample()), EnvelopeCodec.HEADER_BYTES);
    int rejected = 0;
    for (int i = 0; i < 5_000; i++) {
      byte[] body = new byte[random.nextInt(120)];
      random.nextBytes(body);
      byte[] bytes = Arrays.copyOf(header, header.length + body.length);
      System.arraycopy(body, 0, bytes, header.length, body.length);
      if (!reasonOf(bytes).equals("accepted")) {
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(4_900);
  }
}
