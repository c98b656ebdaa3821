package org.ambidex.nets;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL block that names its children and parameters as the equivalent {@code torch.nn.Module} does, so the
 * dotted state-dict name of every tensor ({@code layer1.0.conv2.weight}) follows from the block tree rather than
 * from a hand-written table. Parameter shapes are fixed at construction (PyTorch style: channel counts are
 * constructor arguments), so a module can be initialised without a sample input.
 *
 * <p>Every parameter starts as zeros (BatchNorm's {@code weight} and {@code running_var} as ones); real values come
 * from a checkpoint ({@link WeightImport}) or from an explicit seeded initialisation.
 */
public abstract class TorchModule extends AbstractBlock {

    private final Map<String, Block> namedChildren = new LinkedHashMap<>();

    protected TorchModule() {
        super((byte) 1);
    }

    /** Registers {@code child} under its PyTorch attribute name (or Sequential index). */
    protected final <B extends Block> B child(String torchName, B block) {
        if (namedChildren.put(torchName, block) != null) {
            throw new IllegalStateException("two children named " + torchName);
        }
        return addChildBlock(torchName, block);
    }

    /** Registers a parameter of fixed shape under its PyTorch name, initialised to {@code initial}. */
    protected final Parameter parameter(String torchName, Parameter.Type type, float initial, boolean trainable,
                                        long... shape) {
        return addParameter(Parameter.builder()
            .setName(torchName)
            .setType(type)
            .optShape(new Shape(shape))
            .optInitializer(new ConstantInitializer(initial))
            .optRequiresGrad(trainable)
            .build());
    }

    /** The children by PyTorch name, in registration order. */
    public final Map<String, Block> namedChildren() {
        return Collections.unmodifiableMap(namedChildren);
    }

    /**
     * Every state-dict entry of this module and its descendants, by dotted PyTorch name, in {@code state_dict()}
     * order (a module's own parameters and buffers first, then its children's).
     */
    public final Map<String, StateEntry> stateEntries() {
        Map<String, StateEntry> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, StateEntry> out) {
        for (StateEntry e : ownEntries()) {
            out.put(prefix + e.name(), e);
        }
        for (Map.Entry<String, Block> c : namedChildren.entrySet()) {
            if (c.getValue() instanceof TorchModule m) {
                m.collect(prefix + c.getKey() + ".", out);
            } else {
                throw new IllegalStateException("child " + prefix + c.getKey() + " is not a TorchModule");
            }
        }
    }

    /** This module's own entries: its parameters, then any buffers (BatchNorm's counter). */
    protected List<StateEntry> ownEntries() {
        List<StateEntry> list = new ArrayList<>();
        for (Parameter p : getDirectParameters().values()) {
            list.add(StateEntry.of(p));
        }
        return list;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Shapes are fixed at construction, so children need no input shape.
        for (Block child : namedChildren.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not infer output shapes");
    }

    /** Initialises every parameter (zeros, ones for BatchNorm scale and variance) in {@code manager}. */
    public final void initializeParameters(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1));
    }
}
