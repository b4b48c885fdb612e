package io.partner.ppm.cli.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ppm-api records from Jolokia's JSON rendering of their open types, through their
 * canonical constructors: the same way the MXBean framework does for a JMX client.
 */
final class RecordMapper {

    private RecordMapper() {
    }

    static <R extends Record> List<R> list(Object json, Class<R> type) {
        List<R> result = new ArrayList<>();
        if (json instanceof List<?> items) {
            for (Object item : items) {
                result.add(record(item, type));
            }
        }
        return result;
    }

    static <R extends Record> R record(Object json, Class<R> type) {
        if (!(json instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("expected an object for " + type.getSimpleName() + ", got " + json);
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = convert(fields.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Type type) {
        if (type instanceof Class<?> target) {
            if (target == long.class) {
                return value instanceof Number n ? n.longValue() : 0L;
            }
            if (target == int.class) {
                return value instanceof Number n ? n.intValue() : 0;
            }
            if (target == double.class) {
                return value instanceof Number n ? n.doubleValue() : 0.0;
            }
            if (target == boolean.class) {
                return Boolean.TRUE.equals(value);
            }
            if (value == null) {
                return null;
            }
            if (target == String.class) {
                return value.toString();
            }
            if (target.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) target, value.toString());
            }
            if (target.isRecord()) {
                return record(value, (Class<? extends Record>) target);
            }
            return value;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            List<Object> items = new ArrayList<>();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    items.add(convert(item, parameterized.getActualTypeArguments()[0]));
                }
            }
            return items;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            return stringMap(value);
        }
        return value;
    }

    /**
     * A {@code Map<String, String>}: Jolokia renders an MXBean map either as a plain object or as
     * rows of {@code {key, value}}.
     */
    private static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof Map<?, ?> row && row.containsKey("key") && row.containsKey("value")) {
                    result.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")));
                } else {
                    result.put(String.valueOf(k), v == null ? null : String.valueOf(v));
                }
            });
        }
        return result;
    }
}
