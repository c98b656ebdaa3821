package org.ambidex.hand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The MANO-format fixtures (synthetic files with the official structure) and the smplx reference outputs. */
final class ManoFixtures {

    private static JsonNode reference;

    private ManoFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(ManoFixtures.class.getResource("/fixtures/mano-format/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized JsonNode reference() {
        if (reference == null) {
            try {
                reference = new ObjectMapper().readTree(file("reference_outputs.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    /** One reference case: a group ({@code right}, {@code left_raw}, {@code left_shapedirs_fixed}) and its data. */
    record Case(String group, JsonNode data) {
        String name() {
            return data.get("name").asText();
        }

        int batch() {
            return data.get("betas").size();
        }

        boolean pca() {
            return data.get("num_pca_comps").asInt() < HandModel.HAND_POSE_SIZE;
        }

        boolean flat() {
            return data.get("flat_hand_mean").asBoolean();
        }

        double[] values(String key) {
            List<Double> out = new ArrayList<>();
            flatten(data.get(key), out);
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        int width(String key) {
            return data.get(key).get(0).size();
        }

        HandSide side() {
            return group.equals("right") ? HandSide.RIGHT : HandSide.LEFT;
        }

        boolean leftFix() {
            return group.equals("left_shapedirs_fixed");
        }

        @Override
        public String toString() {
            return group + "/" + name();
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String group : new String[] {"right", "left_raw", "left_shapedirs_fixed"}) {
            for (JsonNode c : reference().get(group)) {
                out.add(new Case(group, c));
            }
        }
        return out;
    }

    static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            for (JsonNode c : n) {
                flatten(c, out);
            }
        } else {
            out.add(n.asDouble());
        }
    }
}
