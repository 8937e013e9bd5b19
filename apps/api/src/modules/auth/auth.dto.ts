import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RequestAuthTokenDto {
  @ApiProperty({ example: 'prosumer@example.com' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  email!: string;

  @ApiProperty({ example: 'a strong password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'prosumer@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(255)
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the reset link.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  token!: string;

  @ApiProperty({ description: 'The new password.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}
