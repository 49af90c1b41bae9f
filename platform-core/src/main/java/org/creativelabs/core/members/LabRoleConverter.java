package org.creativelabs.core.members;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lab roles in query parameters are written as in JSON ({@code ?role=network-member}). */
@Component
class LabRoleConverter implements Converter<String, LabRole> {

    @Override
    public LabRole convert(String source) {
        return LabRole.of(source);
    }
}
